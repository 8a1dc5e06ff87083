import Foundation
import Logging
import Runtime
import ServiceLifecycle

/// Removes staged uploads the services have had a day to read (campaign CSVs and subscriber sync
/// files stay staged while the notifier or identity streams them in the background).
struct StagingSweeper: Service {
    let directory: URL
    let clock: any WallClock
    let logger: Logger
    var maximumAge: TimeInterval = 86_400
    var interval: Duration = .seconds(600)

    func run() async throws {
        await PollingLoop.run(idle: interval) {
            sweep()
            return false
        }
    }

    /// Deletes files older than `maximumAge`; answers how many.
    @discardableResult
    func sweep() -> Int {
        let keys: [URLResourceKey] = [.contentModificationDateKey]
        guard let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: keys) else { return 0 }
        let cutoff = clock.now.addingTimeInterval(-maximumAge)
        var removed = 0
        for file in files {
            guard let modified = try? file.resourceValues(forKeys: Set(keys)).contentModificationDate, modified < cutoff else { continue }
            if (try? FileManager.default.removeItem(at: file)) != nil { removed += 1 }
        }
        if removed > 0 { logger.info("staged uploads removed", metadata: ["count": "\(removed)"]) }
        return removed
    }
}
