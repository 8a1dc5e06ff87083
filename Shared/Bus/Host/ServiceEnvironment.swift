import Foundation
import Logging
import Runtime
import Store

/// What a service's `build` gets, the same in a real executable and in the test cluster: its
/// endpoint (register handlers on it), its store, the shared clock and calendar, a logger, a
/// folder of its own (blobs, keys) and its service-specific settings.
public struct ServiceEnvironment: Sendable {
    public let endpoint: BusEndpoint
    public let store: ServiceStore
    public let clock: any WallClock
    public let calendar: BusinessCalendar
    public let logger: Logger
    public let directory: URL
    /// `--set key=value` and `SONGDAL_<SERVICE>_<KEY>`, keys normalised (see `ServiceConfiguration`).
    public let settings: [String: String]

    public init(endpoint: BusEndpoint, store: ServiceStore, clock: any WallClock, calendar: BusinessCalendar,
                logger: Logger, directory: URL, settings: [String: String] = [:]) {
        self.endpoint = endpoint
        self.store = store
        self.clock = clock
        self.calendar = calendar
        self.logger = logger
        self.directory = directory
        self.settings = settings
    }

    /// A setting by normalised key.
    public func setting(_ key: String) -> String? { settings[ServiceConfiguration.normalizedSettingKey(key)] }
}
