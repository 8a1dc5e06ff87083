import Foundation
import Logging
import Testing
@testable import Runtime

@Suite struct ServiceConfigurationTests {
    func configuration(_ arguments: [String], _ environment: [String: String] = [:], service: String = "notifier")
        throws -> ServiceConfiguration {
        try ServiceOptions.parse(arguments).configuration(service: service, environment: environment)
    }

    @Test func defaults() throws {
        let config = try configuration([])
        #expect(config.busEndpoint == "tcp://127.0.0.1:7700")
        #expect(config.routingID == "notifier/1")
        #expect(config.dataDirectory.path.hasSuffix("/.songdal/data"))
        #expect(config.logDirectory?.path.hasSuffix("/.songdal/logs") == true)
        #expect(config.keysDirectory.path.hasSuffix("/.songdal/keys"))
        #expect(config.storePath.lastPathComponent == "notifier.sqlite")
        #expect(config.insecure == false && config.logLevel == .info && config.holidaysPath == nil)
        #expect(config.settings.isEmpty)
    }

    @Test func environmentWinsOverDefaults() throws {
        let config = try configuration([], [
            "SONGDAL_BUS": "ipc:///tmp/bus", "SONGDAL_DATA_DIR": "/srv/data", "SONGDAL_LOG_DIR": "-",
            "SONGDAL_INSECURE": "1", "SONGDAL_LOG_LEVEL": "debug", "SONGDAL_HOLIDAYS": "/etc/h.json",
            "SONGDAL_INSTANCE": "2", "SONGDAL_KEYS_DIR": "",
        ])
        #expect(config.busEndpoint == "ipc:///tmp/bus")
        #expect(config.dataDirectory.path == "/srv/data")
        #expect(config.storePath.path == "/srv/data/notifier.sqlite")
        #expect(config.logDirectory == nil)
        #expect(config.insecure && config.logLevel == .debug)
        #expect(config.holidaysPath?.path == "/etc/h.json")
        #expect(config.routingID == "notifier/2")
        #expect(config.keysDirectory.path.hasSuffix("/.songdal/keys"), "an empty variable counts as unset")
    }

    @Test func flagsWinOverEnvironment() throws {
        let environment = [
            "SONGDAL_BUS": "ipc:///tmp/bus", "SONGDAL_LOG_LEVEL": "debug", "SONGDAL_INSECURE": "1",
            "SONGDAL_DATA_DIR": "/srv/data",
        ]
        let config = try configuration(
            ["--bus", "tcp://10.0.0.5:7700", "--log-level", "error", "--no-insecure", "--data-dir", "/var/lib/songdal"],
            environment)
        #expect(config.busEndpoint == "tcp://10.0.0.5:7700")
        #expect(config.logLevel == .error)
        #expect(config.insecure == false)
        #expect(config.dataDirectory.path == "/var/lib/songdal")
    }

    @Test func serviceSettingsFromEnvironmentAndFlags() throws {
        let config = try configuration(
            ["--set", "window-start=09:30", "--set", "empty="],
            ["SONGDAL_NOTIFIER_WINDOW_START": "10:00", "SONGDAL_NOTIFIER_WINDOW_END": "18:00",
             "SONGDAL_BILLING_VAT": "10"])
        #expect(config.setting("window_start") == "09:30")
        #expect(config.setting("WINDOW-END") == "18:00")
        #expect(config.setting("empty") == "")
        #expect(config.setting("vat") == nil, "another service's variable")
    }

    @Test func globalVariablesAreNotServiceSettings() throws {
        let config = try configuration([], ["SONGDAL_DATA_DIR": "/srv"], service: "data")
        #expect(config.settings.isEmpty)
    }

    @Test(arguments: [
        (["--log-level", "loud"], [:], ConfigurationError.invalidValue(
            source: "--log-level", value: "loud", expected: "trace|debug|info|notice|warning|error|critical")),
        ([], ["SONGDAL_LOG_LEVEL": "verbose"], .invalidValue(
            source: "SONGDAL_LOG_LEVEL", value: "verbose", expected: "trace|debug|info|notice|warning|error|critical")),
        ([], ["SONGDAL_INSECURE": "maybe"], .invalidValue(source: "SONGDAL_INSECURE", value: "maybe", expected: "1 or 0")),
        (["--bus", "http://x"], [:], .invalidValue(
            source: "--bus", value: "http://x", expected: "tcp://host:port, ipc://path or inproc://name")),
        (["--set", "novalue"], [:], .invalidSetting("novalue")),
        (["--set", "=v"], [:], .invalidSetting("=v")),
        (["--instance", "a/b"], [:], .invalidValue(
            source: "--instance", value: "a/b", expected: "letters, digits, '-', '_' or '.'")),
    ] as [([String], [String: String], ConfigurationError)])
    func invalidValuesAreTypedErrors(arguments: [String], environment: [String: String], expected: ConfigurationError) {
        #expect(throws: expected) { try configuration(arguments, environment) }
    }

    @Test func invalidServiceName() {
        #expect(throws: ConfigurationError.self) { try configuration([], service: "Not/A/Name") }
    }

    @Test func directConstructionNormalisesSettingKeys() {
        let config = ServiceConfiguration(service: "reminder", settings: ["Send-Hour": "9"])
        #expect(config.settings == ["send_hour": "9"])
        #expect(config.setting("send.hour") == "9")
    }
}
