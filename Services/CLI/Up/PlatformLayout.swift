import Foundation

/// Where `songdal up` keeps a platform's files (DESIGN §6): everything under one home folder,
/// `.songdal/` by default, so a second platform on the same machine only needs another `--home`.
struct PlatformLayout: Sendable {
    /// The home folder, e.g. `.songdal`.
    var home: URL

    /// Service stores, `<home>/data/<service>.sqlite` plus each service's own folder.
    var data: URL { home.appending(path: "data") }
    /// Log files, `<home>/logs/<service>.log` (and `up.log` for the supervisor itself).
    var logs: URL { home.appending(path: "logs") }
    /// CURVE key pairs of the bus, `<home>/keys/<name>.key|.pub`.
    var keys: URL { home.appending(path: "keys") }
    /// Run-time files of the children: `<home>/run/<service>.heartbeat` (see `SupervisedChild`).
    var run: URL { home.appending(path: "run") }
    /// A child's heartbeat file.
    func heartbeat(_ child: String) -> URL { run.appending(path: "\(child).heartbeat") }
    /// What a child wrote to stderr (its start-up errors), `<home>/logs/<service>.stderr`.
    func standardError(_ child: String) -> URL { logs.appending(path: "\(child).stderr") }
    /// What a running `songdal up` announces (ports, URL, keys), read by `demo`, `send`, `status`.
    var stateFile: URL { home.appending(path: "up.json") }

    /// Creates the folders that do not exist yet.
    func prepare() throws {
        for folder in [home, data, logs, keys, run] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }
}
