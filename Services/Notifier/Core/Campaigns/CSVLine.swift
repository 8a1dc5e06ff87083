/// One CSV line (RFC 4180 quoting within a line): fields, or why it does not parse.
///
/// Rows never span lines — a notice list has one person per line — so a broken quote stays
/// that line's problem (reported with its number) instead of swallowing the rest of the file.
enum CSVLine {
    enum Problem: Error, Equatable {
        case unterminatedQuote
        case quoteInsideField
        case textAfterQuote
        case invalidUTF8
    }

    static func fields(_ bytes: ArraySlice<UInt8>) throws(Problem) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var index = bytes.startIndex
        let end = bytes.endIndex
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        func finish() throws(Problem) {
            guard let text = String(validating: field, as: UTF8.self) else { throw .invalidUTF8 }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
        }
        while true {
            if index < end, bytes[index] == quote {
                index += 1
                var closed = false
                while index < end {
                    if bytes[index] == quote {
                        if index + 1 < end, bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    field.append(bytes[index])
                    index += 1
                }
                guard closed else { throw .unterminatedQuote }
                guard index == end || bytes[index] == comma else { throw .textAfterQuote }
            } else {
                while index < end, bytes[index] != comma {
                    if bytes[index] == quote { throw .quoteInsideField }
                    field.append(bytes[index])
                    index += 1
                }
            }
            try finish()
            if index == end { return fields }
            index += 1  // the comma
        }
    }

    static func describe(_ problem: Problem) -> String {
        switch problem {
        case .unterminatedQuote: "a quoted field is not closed on its line"
        case .quoteInsideField: "a quote inside an unquoted field"
        case .textAfterQuote: "text after a closing quote"
        case .invalidUTF8: "not UTF-8"
        }
    }
}
