/// A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes (`""` is a
/// quote inside), records ended by LF or CRLF, quoted fields may span lines.
///
/// Fed in chunks of bytes, so a file of any size is read in constant memory. A quote in the
/// middle of an unquoted field, text after a closing quote, or a file ending inside quotes makes
/// that one record a `brokenQuote` error (with the line it starts on); reading goes on with the
/// next line.
public struct CSVReader {
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, broken }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var line = 1
    private var recordLine = 1
    private var pendingCR = false

    public init() {
        field.reserveCapacity(64)
    }

    /// Reads `chunk`, calling `emit` for every record it completes.
    public mutating func feed<C: Collection<UInt8>>(_ chunk: C, _ emit: (CSVRecord) throws -> Void) rethrows {
        let done: Void? = try chunk.withContiguousStorageIfAvailable { buffer in try feed(buffer: buffer, emit) }
        if done == nil {
            for byte in chunk {
                try consume(byte, emit)
            }
        }
    }

    /// `feed` over contiguous bytes: runs of plain field bytes are copied in one go, which is
    /// what `consume` would do byte by byte (append, stay in or enter `unquoted`; inside quotes,
    /// append and count line feeds). Every byte that can change state goes through `consume`.
    private mutating func feed(buffer: UnsafeBufferPointer<UInt8>, _ emit: (CSVRecord) throws -> Void) rethrows {
        let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var index = 0
        while index < buffer.count {
            if !pendingCR {
                var end = index
                switch state {
                case .fieldStart, .unquoted:
                    while end < buffer.count, buffer[end] != comma, buffer[end] != quote, buffer[end] != lf, buffer[end] != cr {
                        end += 1
                    }
                    if end > index { state = .unquoted }
                case .quoted:
                    while end < buffer.count, buffer[end] != quote {
                        if buffer[end] == lf { line += 1 }
                        end += 1
                    }
                default:
                    break
                }
                if end > index {
                    field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<end]))
                    index = end
                    continue
                }
            }
            try consume(buffer[index], emit)
            index += 1
        }
    }

    /// Ends the input: emits the last record if the file did not end with a newline.
    public mutating func finish(_ emit: (CSVRecord) throws -> Void) rethrows {
        switch state {
        case .quoted:
            try emitRecord(error: .brokenQuote, emit)
        case .fieldStart where fields.isEmpty:
            return
        default:
            try endRecord(emit)
        }
    }

    private mutating func consume(_ byte: UInt8, _ emit: (CSVRecord) throws -> Void) rethrows {
        let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        if pendingCR {
            pendingCR = false
            // A CR not followed by LF is kept as data (outside quotes it is unusual but harmless).
            if byte != lf, state != .broken { field.append(cr) }
        }
        switch state {
        case .fieldStart, .unquoted:
            switch byte {
            case comma: endField()
            case lf: try endRecord(emit)
            case cr: pendingCR = true
            case quote:
                if state == .fieldStart, field.isEmpty { state = .quoted } else { state = .broken }
            default:
                field.append(byte)
                state = .unquoted
            }
        case .quoted:
            if byte == quote {
                state = .quoteInQuoted
            } else {
                if byte == lf { line += 1 }
                field.append(byte)
            }
        case .quoteInQuoted:
            switch byte {
            case quote:
                field.append(quote)
                state = .quoted
            case comma: endField()
            case lf: try endRecord(emit)
            case cr: pendingCR = true
            default: state = .broken
            }
        case .broken:
            if byte == lf { try emitRecord(error: .brokenQuote, emit) }
        }
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        state = .fieldStart
    }

    private mutating func endRecord(_ emit: (CSVRecord) throws -> Void) rethrows {
        endField()
        try emitRecord(error: nil, emit)
    }

    private mutating func emitRecord(error: ReminderInputError?, _ emit: (CSVRecord) throws -> Void) rethrows {
        let record = CSVRecord(line: recordLine, fields: fields, error: error)
        fields.removeAll(keepingCapacity: true)
        field.removeAll(keepingCapacity: true)
        state = .fieldStart
        line += 1
        recordLine = line
        try emit(record)
    }
}
