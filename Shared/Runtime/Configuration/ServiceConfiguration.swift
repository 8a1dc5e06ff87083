import Foundation
import Logging

/// Everything a service executable needs at start.
///
/// Built by ``ServiceOptions/configuration(service:environment:)``: flags win over `SONGDAL_*`
/// environment variables, which win over these defaults. Tests may build one directly.
public struct ServiceConfiguration: Sendable {
    /// The service name, e.g. `identity`; names its store, log file and routing id.
    public var service: String
    /// Distinguishes several processes of one service; default `1`.
    public var instance: String
    /// The broker endpoint (`--bus`, `SONGDAL_BUS`); default `tcp://127.0.0.1:7700`.
    public var busEndpoint: String
    /// Where the service's store lives (`--data-dir`, `SONGDAL_DATA_DIR`); default `.songdal/data`.
    public var dataDirectory: URL
    /// Where `<service>.log` goes (`--log-dir`, `SONGDAL_LOG_DIR`, `-` for none); default `.songdal/logs`.
    public var logDirectory: URL?
    /// CURVE key pairs (`--keys-dir`, `SONGDAL_KEYS_DIR`); default `.songdal/keys`.
    public var keysDirectory: URL
    /// Plain tcp without CURVE (`--insecure`, `SONGDAL_INSECURE=1`); warned about at start.
    public var insecure: Bool
    /// Lowest level logged (`--log-level`, `SONGDAL_LOG_LEVEL`); default `info`.
    public var logLevel: Logger.Level
    /// Explicit holiday file (`--holidays`, `SONGDAL_HOLIDAYS`); `nil` searches the usual places.
    public var holidaysPath: URL?
    /// Seconds added to the system clock (`--clock-offset`, `SONGDAL_CLOCK_OFFSET`); 0 is the
    /// real time. `songdal up --clock` gives every child the same offset, so a demo can walk a
    /// notice through the sending window at any hour; a shifted clock is warned about at start.
    public var clockOffsetSeconds: Int64 = 0
    /// Service-specific settings (`--set key=value`, `SONGDAL_<SERVICE>_<KEY>`), keys normalised
    /// by ``normalizedSettingKey(_:)``; read them with ``setting(_:)``.
    public var settings: [String: String]

    /// Default broker endpoint.
    public static let defaultBusEndpoint = "tcp://127.0.0.1:7700"

    /// Creates a configuration; every default is the development layout under `.songdal/`.
    public init(
        service: String,
        instance: String = "1",
        busEndpoint: String = ServiceConfiguration.defaultBusEndpoint,
        dataDirectory: URL = URL(fileURLWithPath: ".songdal/data"),
        logDirectory: URL? = URL(fileURLWithPath: ".songdal/logs"),
        keysDirectory: URL = URL(fileURLWithPath: ".songdal/keys"),
        insecure: Bool = false,
        logLevel: Logger.Level = .info,
        holidaysPath: URL? = nil,
        settings: [String: String] = [:]
    ) {
        self.service = service
        self.instance = instance
        self.busEndpoint = busEndpoint
        self.dataDirectory = dataDirectory
        self.logDirectory = logDirectory
        self.keysDirectory = keysDirectory
        self.insecure = insecure
        self.logLevel = logLevel
        self.holidaysPath = holidaysPath
        self.settings = Dictionary(settings.map { (Self.normalizedSettingKey($0.key), $0.value) }) { _, last in last }
    }

    /// The bus routing id, `<service>/<instance>` (DESIGN §3).
    public var routingID: String { "\(service)/\(instance)" }

    /// The service's SQLite store, `<dataDirectory>/<service>.sqlite`.
    public var storePath: URL { dataDirectory.appending(path: "\(service).sqlite") }

    /// A service-specific setting; `window-start`, `window_start` and `WINDOW_START` are one key.
    public func setting(_ key: String) -> String? {
        settings[Self.normalizedSettingKey(key)]
    }

    /// Lower case with `-` and `.` as `_`, so a flag key and an environment name meet.
    public static func normalizedSettingKey(_ key: String) -> String {
        String(key.lowercased().map { $0 == "-" || $0 == "." ? "_" : $0 })
    }
}
