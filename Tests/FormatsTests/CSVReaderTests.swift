import Formats
import Foundation
import Testing

/// The one CSV reader (issue 18): the rules, and the same records however the input is cut.
@Suite("CSV reader")
struct CSVReaderTests {
    /// `line|field¦field` or `line|error code`, plus the end offset of each record.
    static func read(_ bytes: [UInt8], splits: [Int] = [], columns: CSVReader.Columns = .fromFirstRecord) -> [String] {
        var reader = CSVReader(columns: columns)
        var out: [String] = []
        func take(_ record: CSVRecord) {
            if let error = record.error {
                out.append("\(record.line)|!\(error.code)|\(error)@\(record.endOffset)")
            } else {
                out.append("\(record.line)|\(record.fields.joined(separator: "¦"))@\(record.endOffset)")
            }
        }
        var start = 0
        for split in splits + [bytes.count] where split >= start {
            reader.feed(bytes[start..<split], take)
            start = split
        }
        reader.finish(take)
        return out
    }

    static let cases: [(name: String, text: [UInt8], expected: [String])] = [
        ("quotes with commas, doubled quotes and newlines",
         Array("a,b\n\"x, y\",\"he said \"\"hi\"\"\"\n\"multi\nline\",3\nz,\"\"\n".utf8),
         ["1|a¦b@4", "2|x, y¦he said \"hi\"@28", "3|multi\nline¦3@43", "5|z¦@48"]),
        ("byte order mark skipped", [0xEF, 0xBB, 0xBF] + Array("ci,phone\n1,2\n".utf8),
         ["1|ci¦phone@12", "2|1¦2@16"]),
        ("CRLF and bare CR end lines; inside quotes they are data",
         Array("a,b\r\n1,2\r3,4\r\n\"x\r\ny\",5\r\"p\rq\",6".utf8),
         ["1|a¦b@5", "2|1¦2@9", "3|3¦4@14", "4|x\r\ny¦5@23", "6|p\rq¦6@30"]),
        ("empty lines are skipped but counted", Array("a,b\n\n1,2\r\n\r\n3,4".utf8),
         ["1|a¦b@4", "3|1¦2@10", "5|3¦4@15"]),
        ("ragged rows name expected and found", Array("a,b,c\n1,2\n1,2,3,4\n1,2,3\n".utf8),
         ["1|a¦b¦c@6", "2|!wrong_field_count|line 2: expected 3 fields, found 2@10", "3|!wrong_field_count|line 3: expected 3 fields, found 4@18",
          "4|1¦2¦3@24"]),
        ("broken quotes skip their line only", Array("a,b\n1,b\"c\n\"x\"y,2\n3,4\n\"open,5\n6,7".utf8),
         ["1|a¦b@4", "2|!broken_quote|line 2: a quote inside an unquoted field, or text after a closing quote@10",
          "3|!broken_quote|line 3: a quote inside an unquoted field, or text after a closing quote@17", "4|3¦4@21",
          "5|!unterminated_quote|line 5: a quoted field that never closes@32"]),
        ("invalid UTF-8 names its column", Array("a,b\n1,".utf8) + [0xC3, 0x28] + Array("\n".utf8) + Array("가,\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"\n".utf8),
         ["1|a¦b@4", "2|!invalid_utf8|line 2: column 2 is not valid UTF-8@9", "3|!invalid_utf8|line 3: column 2 is not valid UTF-8@19"]),
        ("NUL bytes name their column", Array("a,b\nx,y".utf8) + [0] + Array("z\n\"\n".utf8) + [0] + Array("\",1\n".utf8),
         ["1|a¦b@4", "2|!nul_byte|line 2: column 2 contains a NUL byte@10", "3|!nul_byte|line 3: column 1 contains a NUL byte@17"]),
    ]

    @Test("the rules", arguments: 0..<cases.count)
    func rules(_ index: Int) {
        let (name, text, expected) = Self.cases[index]
        #expect(Self.read(text) == expected, "\(name)")
    }

    @Test("the same records when the input is cut at every offset, or into every pair of pieces", arguments: 0..<cases.count)
    func chunkBoundaries(_ index: Int) {
        let (name, text, expected) = Self.cases[index]
        for split in 0...text.count {
            #expect(Self.read(text, splits: [split]) == expected, "\(name) cut at \(split)")
        }
        for a in 0...text.count { for b in a...text.count where Self.read(text, splits: [a, b]) != expected {
            Issue.record("\(name) cut at \(a) and \(b)")
        } }
        #expect(Self.read(text, splits: Array(0...text.count)) == expected, "\(name) byte by byte")
    }

    @Test func nonContiguousInputReadsTheSame() {
        for (name, text, expected) in Self.cases {
            var reader = CSVReader()
            var out: [String] = []
            let take: (CSVRecord) -> Void = { record in
                out.append(record.error.map { "\(record.line)|!\($0.code)|\($0)@\(record.endOffset)" }
                           ?? "\(record.line)|\(record.fields.joined(separator: "¦"))@\(record.endOffset)")
            }
            reader.feed(text.lazy.map { $0 }, take)
            reader.finish(take)
            #expect(out == expected, "\(name)")
        }
    }

    @Test func fixedColumnCountAndResume() {
        #expect(Self.read(Array("a,b\n1\n".utf8), columns: .exactly(2)) == ["1|a¦b@4", "2|!wrong_field_count|line 2: expected 2 fields, found 1@6"])
        #expect(Self.read(Array("a,b\n1\n".utf8), columns: .any) == ["1|a¦b@4", "2|1@6"])
        // A reader resumed at a record's end offset sees the rest of the file the same way.
        let text = Array("h,i\r\n1,2\r\n\"3\n\",4\r5,6\n".utf8)
        let whole = Self.read(text)
        var reader = CSVReader(columns: .exactly(2), firstLine: 3, startOffset: 10)
        var rest: [String] = []
        reader.feed(text[10...]) { rest.append("\($0.line)|\($0.fields.joined(separator: "¦"))@\($0.endOffset)") }
        reader.finish { rest.append("\($0.line)|\($0.fields.joined(separator: "¦"))@\($0.endOffset)") }
        #expect(Array(whole.dropFirst(2)) == rest)
    }

    @Test func aByteOrderMarkOnlyAtTheStart() {
        #expect(Self.read([0xEF, 0xBB] + Array("a\n".utf8)) == ["1|!invalid_utf8|line 1: column 1 is not valid UTF-8@4"])
        #expect(Self.read(Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("\n".utf8)) == ["1|a@2", "2|\u{FEFF}@6"])
    }
}
