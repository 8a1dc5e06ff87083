import Foundation
import Schema

/// Reads the events of a `RecordUsage` payload straight from its JSON bytes.
///
/// Decoding a thousand-event message with `JSONDecoder` (a keyed container, a key dictionary and
/// generic-metadata look-ups per event) was two thirds of the inbox's time on the ingest path.
/// This reader handles the shape `PayloadCodec` writes — `{"events":[{...}, ...]}` with the six
/// `UsageEvent` keys in any order, plain or simply escaped strings, integer quantities and
/// millisecond dates — and returns `nil` for anything else (an unknown or repeated key, a `\u`
/// escape, a fractional quantity, …). The caller then decodes with `PayloadCodec`, so the
/// result, and every error, is exactly the shared decoder's; this is only a faster road to it.
enum UsagePayloadReader {
    /// The payload's events, or `nil` when the payload is not in the reader's subset.
    static func events(in payload: [UInt8]) -> [UsageEvent]? {
        payload.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(bytes: buffer)
            return cursor.recordUsage()
        }
    }
}
