import Foundation
import Logging

/// A swift-log handler writing one logfmt line per event (SPEC X-4):
///
///     ts=2026-11-21T09:00:00.123Z level=info service=notifier msg="notice sent" notice=01J… to=010-****-5678
///
/// The handler itself masks personal data (SPEC ID-5) in the message and in every metadata
/// value, so no call site can forget to. Metadata keys are sorted, making lines diffable.
public struct LogfmtLogHandler: LogHandler {
    /// The logger's label (e.g. `songdal.notifier.outbox`).
    public let label: String
    /// The service name printed on every line.
    public let service: String
    /// The destination of lines.
    public let sink: LogSink
    /// Source of the `ts` field.
    public let clock: any WallClock
    /// Events below this level are dropped by `Logger` before reaching the handler.
    public var logLevel: Logger.Level = .info
    /// Metadata attached to every event of this handler.
    public var metadata: Logger.Metadata = [:]
    /// Contextual metadata (task-local values), merged under the handler's and the event's.
    public var metadataProvider: Logger.MetadataProvider?

    /// Creates a handler; bootstrapping passes its `label` from `Logger(label:)`.
    public init(
        label: String, service: String, sink: LogSink, clock: any WallClock = SystemWallClock(),
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.service = service
        self.sink = sink
        self.clock = clock
        self.metadataProvider = metadataProvider
    }

    /// Formats, masks and writes one event.
    public func log(event: LogEvent) {
        sink.write(line: line(for: event))
    }

    /// The line `log(event:)` writes, without its newline.
    func line(for event: LogEvent) -> String {
        var merged = metadataProvider?.get() ?? [:]
        merged.merge(metadata) { _, handler in handler }
        if let extra = event.metadata { merged.merge(extra) { _, event in event } }

        var line = "ts=\(LogTimestamp.format(clock.now)) level=\(event.level.rawValue)"
        line += " service=\(Logfmt.value(service))"
        line += " msg=\(Logfmt.value(PIIMasker.mask(event.message.description), alwaysQuote: true))"
        for key in merged.keys.sorted() {
            guard let value = merged[key] else { continue }
            line += " \(Logfmt.key(key))=\(Logfmt.value(PIIMasker.mask(Self.render(value))))"
        }
        return line
    }

    /// Reads or writes one metadata entry of this handler.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    static func render(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): "[" + values.map(render).joined(separator: ", ") + "]"
        case .dictionary(let entries):
            "{" + entries.keys.sorted().compactMap { key in
                entries[key].map { "\(key)=\(render($0))" }
            }.joined(separator: ", ") + "}"
        }
    }
}
