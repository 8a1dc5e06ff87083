import ArgumentParser
import Foundation
import Logging

/// `songdal tail`: every service's log interleaved, coloured by service, filterable.
struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Follow all service logs interleaved, coloured by service.",
        discussion: "Reads <home>/logs/*.log (what `songdal up` writes); rotated files are followed.")

    @Option(help: "Folder of data, logs and keys (env SONGDAL_HOME).")
    var home: String = ProcessInfo.processInfo.environment["SONGDAL_HOME"] ?? ".songdal"

    @Option(name: .customLong("service"), help: "Only these services (repeatable).")
    var services: [String] = []

    @Option(help: "Lowest level shown: trace|debug|info|notice|warning|error|critical.")
    var level: String = "trace"

    @Option(help: "Only lines about this notice id.")
    var notice: String?

    @Option(name: [.customShort("n"), .long], help: "Lines of history shown per file before following.")
    var lines: Int = 10

    @Flag(name: .customLong("no-follow"), help: "Print the history and exit.")
    var noFollow = false

    @Flag(name: .customLong("no-color"), help: "Plain text (also when NO_COLOR is set).")
    var noColor = false

    func validate() throws {
        guard Logger.Level(rawValue: level) != nil else { throw ValidationError("unknown level \"\(level)\"") }
        guard lines >= 0 else { throw ValidationError("--lines must be 0 or more") }
    }

    func run() async throws {
        let folder = URL(fileURLWithPath: home).appending(path: "logs")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("no log folder at \(folder.path); start the platform with `songdal up`")
        }
        let filter = LogLineFilter(
            services: Set(services), minimumLevel: Logger.Level(rawValue: level) ?? .trace, noticeID: notice)
        let colour = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(1) == 1
        var follower = LogFollower(folder: folder)
        emit(follower.startAtEnd(keepingLast: lines), filter: filter, colour: colour)
        guard !noFollow else { return }
        while !Task.isCancelled {
            emit(follower.poll(), filter: filter, colour: colour)
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    private func emit(_ lines: [(service: String, line: Substring)], filter: LogLineFilter, colour: Bool) {
        var text = ""
        for (service, line) in lines where filter.accepts(line, service: service) {
            let name = service.padding(toLength: 9, withPad: " ", startingAt: 0)
            text += colour ? "\(Self.colour(for: service))\(name)\u{1B}[0m │ \(line)\n" : "\(name) │ \(line)\n"
        }
        // One write per poll: unbuffered, so `songdal tail | grep` sees lines at once.
        if !text.isEmpty { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    private static func colour(for service: String) -> String {
        let palette = ["\u{1B}[36m", "\u{1B}[32m", "\u{1B}[35m", "\u{1B}[33m", "\u{1B}[34m", "\u{1B}[31m", "\u{1B}[96m"]
        let known = ["bus", "identity", "vault", "notifier", "billing", "reminder", "gateway"]
        let index = known.firstIndex(of: service) ?? Int(service.utf8.reduce(0) { $0 &+ UInt32($1) } % 7)
        return palette[index % palette.count]
    }
}
