import Foundation
import Logging

extension ServiceOptions {
    /// The configuration for `service`: each flag given wins, else its `SONGDAL_*` variable
    /// (an empty variable counts as unset), else the default of ``ServiceConfiguration``.
    public func configuration(
        service: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> ServiceConfiguration {
        let source = SettingSource(environment: environment)
        var configuration = ServiceConfiguration(service: try ConfigurationValue.serviceName(service))
        if let value = source.pick(flag: ("--instance", instance), variable: "SONGDAL_INSTANCE") {
            configuration.instance = try ConfigurationValue.instance(value)
        }
        if let value = source.pick(flag: ("--bus", bus), variable: "SONGDAL_BUS") {
            configuration.busEndpoint = try ConfigurationValue.endpoint(value)
        }
        if let value = source.pick(flag: ("--data-dir", dataDirectory), variable: "SONGDAL_DATA_DIR") {
            configuration.dataDirectory = try ConfigurationValue.directory(value)
        }
        if let value = source.pick(flag: ("--log-dir", logDirectory), variable: "SONGDAL_LOG_DIR") {
            configuration.logDirectory = value.text == "-" ? nil : try ConfigurationValue.directory(value)
        }
        if let value = source.pick(flag: ("--keys-dir", keysDirectory), variable: "SONGDAL_KEYS_DIR") {
            configuration.keysDirectory = try ConfigurationValue.directory(value)
        }
        if let value = source.pick(flag: ("--holidays", holidays), variable: BusinessCalendar.environmentKey) {
            configuration.holidaysPath = try ConfigurationValue.file(value)
        }
        if let value = source.pick(flag: ("--log-level", logLevel), variable: "SONGDAL_LOG_LEVEL") {
            configuration.logLevel = try ConfigurationValue.logLevel(value)
        }
        if let value = source.pick(flag: ("--clock-offset", clockOffset), variable: "SONGDAL_CLOCK_OFFSET") {
            configuration.clockOffsetSeconds = try ConfigurationValue.seconds(value)
        }
        if let insecure {
            configuration.insecure = insecure
        } else if let value = source.pick(flag: ("--insecure", nil), variable: "SONGDAL_INSECURE") {
            configuration.insecure = try ConfigurationValue.boolean(value)
        }
        configuration.settings = try source.settings(service: configuration.service, flags: settings)
        return configuration
    }
}
