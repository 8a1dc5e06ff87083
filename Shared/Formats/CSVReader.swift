/// The one CSV reader of the platform (issue 18): every place that reads CSV — the gateway's
/// upload check, identity's carrier sync, reminder's guarantee import, the notifier's campaigns —
/// feeds its bytes here, so a file has one meaning everywhere.
///
/// The rules (RFC 4180 plus what real files need):
/// - fields are separated by commas; a field may be in double quotes, and then holds commas,
///   line ends and quotes written twice (`""`); a quote anywhere else breaks the record;
/// - a record ends at LF, CRLF or a bare CR (outside quotes); line ends inside quotes are data,
///   kept as written, and count as lines;
/// - a UTF-8 byte order mark at the very start of the input is skipped;
/// - an empty physical line is skipped (it still counts as a line);
/// - each record names the physical line it starts on and the byte offset just after it;
/// - errors are typed (`CSVError`) and per record: a broken quote skips the rest of its physical
///   line and reading goes on; a record whose field count differs from the header's (or the
///   fixed count) is `raggedRow`; invalid UTF-8 and NUL bytes are errors naming the column —
///   never replaced or stripped.
///
/// Streaming: bytes are fed in chunks of any size (`feed`), then `finish`. Runs of plain bytes are
/// copied in one go within a contiguous chunk (the fast path identity's import depends on); only
/// bytes that can change the state go through the byte-by-byte machine, so the records are the
/// same however the input is cut.
public struct CSVReader: Sendable {
    /// How many fields each record must have.
    public enum Columns: Sendable, Equatable {
        /// As many as the first record (the header).
        case fromFirstRecord
        /// Exactly this many.
        case exactly(Int)
        /// Any number (no ragged-row check).
        case any
    }

    private enum State: UInt8 { case fieldStart, unquoted, quoted, quoteInQuoted, broken }

    private var state = State.fieldStart
    private var buffer: [UInt8] = []
    private var ends: [Int] = []
    private var expected: Int?
    private let columns: Columns
    /// The physical line of the byte being read, and the line the current record started on.
    private var line: Int
    private var recordLine: Int
    /// A CR ended a record (or a broken line); an LF right after it belongs to the same line end.
    private var pendingCR = false
    /// Inside quotes, the previous byte was a CR (so an LF after it is the same line end).
    private var quotedCR = false
    /// Bytes of a byte order mark matched so far at the start (3 = done checking).
    private var bomMatched: Int
    /// Offset of the first byte of the current chunk in the whole input.
    private var chunkBase: Int64
    /// `finish` is emitting a last record that had no line end.
    private var finishing = false

    /// - Parameters:
    ///   - columns: the field count every record must have.
    ///   - firstLine: the line number of the first byte (a reader resumed mid-file).
    ///   - startOffset: the input offset of the first byte fed; a byte order mark is only looked
    ///     for at offset 0.
    public init(columns: Columns = .fromFirstRecord, firstLine: Int = 1, startOffset: Int64 = 0) {
        self.columns = columns
        if case .exactly(let count) = columns { expected = count }
        line = firstLine
        recordLine = firstLine
        chunkBase = startOffset
        bomMatched = startOffset == 0 ? 0 : 3
        buffer.reserveCapacity(512)
        ends.reserveCapacity(16)
    }

    /// The field count records are checked against, once known.
    public var expectedFieldCount: Int? { expected }

    /// Sets the field count when a resumed reader's header was read earlier.
    public mutating func expectFields(_ count: Int) { expected = count }

    /// Reads `bytes`, calling `emit` for every record (or record error) it completes.
    public mutating func feed<Bytes: Collection<UInt8>>(_ bytes: Bytes, _ emit: (CSVRecord) throws -> Void) rethrows {
        let done: Void? = try bytes.withContiguousStorageIfAvailable { try feed(buffer: $0, emit) }
        if done == nil {
            let copy = Array(bytes)
            try copy.withUnsafeBufferPointer { try feed(buffer: $0, emit) }
        }
    }

    /// Reads contiguous bytes (e.g. `Data.withUnsafeBytes`).
    public mutating func feed(raw: UnsafeRawBufferPointer, _ emit: (CSVRecord) throws -> Void) rethrows {
        try feed(buffer: raw.bindMemory(to: UInt8.self), emit)
    }

    /// Ends the input: emits the last record if it had no line end.
    public mutating func finish(_ emit: (CSVRecord) throws -> Void) rethrows {
        let end = chunkBase
        if pendingCR {
            pendingCR = false
            try lineEnd(end: end, emit)
        }
        finishing = true
        defer { finishing = false }
        switch state {
        case .quoted:
            try emitError(.unterminatedQuote(line: recordLine), end: end, emit)
        case .broken:
            try emitError(.brokenQuote(line: recordLine), end: end, emit)
        case .fieldStart where ends.isEmpty:
            return
        default:
            try endRecord(end: end, emit)
        }
    }

    private mutating func feed(buffer bytes: UnsafeBufferPointer<UInt8>, _ emit: (CSVRecord) throws -> Void) rethrows {
        let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        let count = bytes.count
        var index = 0
        while index < count {
            if bomMatched < 3 {
                let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
                if bytes[index] == bom[bomMatched] {
                    bomMatched += 1
                    index += 1
                    continue
                }
                // Not a byte order mark: the bytes matched so far are plain content.
                let partial = bomMatched
                bomMatched = 3
                if partial > 0 {
                    buffer.append(contentsOf: bom[0..<partial])
                    state = .unquoted
                }
            }
            if !pendingCR {
                var end = index
                switch state {
                case .fieldStart, .unquoted:
                    while end < count {
                        let byte = bytes[end]
                        // One comparison for the usual case: all four specials are below 0x2D.
                        if byte > comma { end += 1; continue }
                        if byte == comma || byte == lf || byte == cr || byte == quote { break }
                        end += 1
                    }
                    if end > index { state = .unquoted }
                case .quoted:
                    while end < count {
                        let byte = bytes[end]
                        if byte == quote || byte == lf || byte == cr { break }
                        end += 1
                    }
                    if end > index { quotedCR = false }
                case .broken:
                    while end < count, bytes[end] != lf, bytes[end] != cr { end += 1 }
                    index = end
                    if end == count { continue }
                case .quoteInQuoted:
                    break
                }
                if end > index {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    index = end
                    continue
                }
            }
            try consume(bytes[index], at: index, emit)
            index += 1
        }
        chunkBase += Int64(count)
    }

    /// The byte-by-byte machine; `index` is the byte's position in the current chunk.
    private mutating func consume(_ byte: UInt8, at index: Int, _ emit: (CSVRecord) throws -> Void) rethrows {
        let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        if pendingCR {
            // The record (or broken line) a CR ended is emitted once the next byte shows whether
            // the line end is CRLF, so its end offset is after the whole line end.
            pendingCR = false
            if byte == lf {
                try lineEnd(end: chunkBase + Int64(index) + 1, emit)
                return
            }
            try lineEnd(end: chunkBase + Int64(index), emit)
        }
        switch state {
        case .fieldStart, .unquoted:
            switch byte {
            case comma:
                ends.append(buffer.count)
                state = .fieldStart
            case lf:
                try lineEnd(end: chunkBase + Int64(index) + 1, emit)
            case cr:
                pendingCR = true
            case quote:
                if state == .fieldStart {
                    state = .quoted
                    quotedCR = false
                } else {
                    state = .broken
                }
            default:
                buffer.append(byte)
                state = .unquoted
            }
        case .quoted:
            switch byte {
            case quote:
                state = .quoteInQuoted
            case lf:
                if !quotedCR { line += 1 }
                quotedCR = false
                buffer.append(byte)
            case cr:
                line += 1
                quotedCR = true
                buffer.append(byte)
            default:
                quotedCR = false
                buffer.append(byte)
            }
        case .quoteInQuoted:
            switch byte {
            case quote:
                buffer.append(quote)
                state = .quoted
                quotedCR = false
            case comma:
                ends.append(buffer.count)
                state = .fieldStart
            case lf:
                try lineEnd(end: chunkBase + Int64(index) + 1, emit)
            case cr:
                pendingCR = true
            default:
                state = .broken
            }
        case .broken:
            if byte == lf {
                try lineEnd(end: chunkBase + Int64(index) + 1, emit)
            } else if byte == cr {
                pendingCR = true
            }
        }
    }

    /// A line end outside quotes: ends the record (or the broken line), or skips an empty line.
    private mutating func lineEnd(end: Int64, _ emit: (CSVRecord) throws -> Void) rethrows {
        line += 1
        if state == .broken {
            try emitError(.brokenQuote(line: recordLine), end: end, emit)
            return
        }
        if state == .fieldStart, ends.isEmpty {
            recordLine = line   // an empty line
            return
        }
        try endRecord(end: end, emit)
    }

    private mutating func endRecord(end: Int64, _ emit: (CSVRecord) throws -> Void) rethrows {
        ends.append(buffer.count)
        if let error = check() {
            try emitError(error, end: end, emit)
            return
        }
        // Emitted before the buffers are cleared: the record shares them, and clearing them while
        // it lives would copy them (an allocation per record).
        defer { reset() }
        try emit(CSVRecord(line: recordLine, nextLine: nextLine, endOffset: end, bytes: buffer, ends: ends, error: nil))
    }

    private mutating func emitError(_ error: CSVError, end: Int64, _ emit: (CSVRecord) throws -> Void) rethrows {
        let record = CSVRecord(line: recordLine, nextLine: nextLine, endOffset: end, bytes: [], ends: [], error: error)
        reset()
        try emit(record)
    }

    /// After a line end `line` is already the next one; at the end of input without one, it is not.
    private var nextLine: Int { finishing ? line + 1 : line }

    private mutating func reset() {
        buffer.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        state = .fieldStart
        recordLine = line
    }

    /// Encoding first (NUL, then UTF-8, naming the column), then the field count.
    private mutating func check() -> CSVError? {
        let suspicious = buffer.withUnsafeBufferPointer { bytes -> Bool in
            var flag: UInt8 = 0
            // NUL or any byte ≥ 0x80: `byte &- 1` is then ≥ 0x7F. Branch-free, so it vectorises.
            for byte in bytes { flag |= (byte &- 1) & 0x80 }
            return flag != 0
        }
        if suspicious {
            var start = 0
            for (column, end) in ends.enumerated() {
                let field = buffer[start..<end]
                if field.contains(0) { return .nulByte(line: recordLine, column: column + 1) }
                if !UTF8Check.isValid(field) { return .invalidUTF8(line: recordLine, column: column + 1) }
                start = end
            }
        }
        if let expected {
            if ends.count != expected { return .raggedRow(line: recordLine, expected: expected, actual: ends.count) }
        } else if columns == .fromFirstRecord {
            expected = ends.count
        }
        return nil
    }
}

/// One record: its fields (as bytes or strings, already checked to be UTF-8 without NUL), the
/// line it starts on and the input offset just after it — or the error that replaced it.
public struct CSVRecord: Sendable {
    /// The physical line the record starts on (1-based).
    public let line: Int
    /// Offset in the whole input just after the record's line end (where a resumed read starts).
    public let endOffset: Int64
    /// The physical line just after the record (where a resumed read starts counting).
    public let nextLine: Int
    /// Set when the record could not be read; it then has no fields.
    public let error: CSVError?
    private let bytes: [UInt8]
    private let ends: [Int]

    init(line: Int, nextLine: Int, endOffset: Int64, bytes: [UInt8], ends: [Int], error: CSVError?) {
        self.line = line
        self.nextLine = nextLine
        self.endOffset = endOffset
        self.bytes = bytes
        self.ends = ends
        self.error = error
    }

    public var fieldCount: Int { ends.count }

    /// The bytes of field `index` (empty past the last field).
    public func field(_ index: Int) -> ArraySlice<UInt8> {
        guard index < ends.count else { return [] }
        return bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Field `index` as text (empty past the last field).
    public func string(_ index: Int) -> String { String(decoding: field(index), as: UTF8.self) }

    /// Every field as text.
    public var fields: [String] { (0..<ends.count).map(string) }
}

/// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF).
enum UTF8Check {
    static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard end - index >= length else { return false }
            let second = bytes[index + 1]
            guard second >= low, second <= high else { return false }
            var offset = 2
            while offset < length {
                guard bytes[index + offset] & 0xC0 == 0x80 else { return false }
                offset += 1
            }
            index += length
        }
        return true
    }
}
