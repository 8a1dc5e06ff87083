/// The single pass behind ``PIIMasker``: copies input bytes lazily and splices replacements.
struct MaskingScanner<Bytes: RandomAccessCollection<UInt8>> where Bytes.Index == Int {
    let input: Bytes
    /// Filled from the first replacement on, so clean lines cost no allocation.
    private var output: [UInt8] = []
    private var replaced = false
    /// Input before this index has been copied (or replaced) into `output`.
    private var copied: Int

    init(input: Bytes) {
        self.input = input
        copied = input.startIndex
    }

    mutating func run() -> [UInt8]? {
        var i = input.startIndex
        while i < input.endIndex {
            if let end = base64Secret(at: i) {
                replace(i..<end, with: Array("[CI]".utf8))
                i = end
            } else if let end = rrn(at: i) {
                replace(i..<end, with: Array("[RRN]".utf8))
                i = end
            } else if let phone = phone(at: i) {
                replace(i..<phone.end, with: phone.masked)
                i = phone.end
            } else {
                i += 1
            }
        }
        guard replaced else { return nil }
        output.append(contentsOf: input[copied...])
        return output
    }

    private mutating func replace(_ range: Range<Int>, with replacement: [UInt8]) {
        if !replaced { replaced = true; output.reserveCapacity(input.count) }
        output.append(contentsOf: input[copied..<range.lowerBound])
        output.append(contentsOf: replacement)
        copied = range.upperBound
    }

    // MARK: CI

    /// End of a secret-looking base64 run (with its `=` padding) starting exactly at `start`.
    private func base64Secret(at start: Int) -> Int? {
        guard Bytes.isBase64(input[start]),
              start == input.startIndex || !Bytes.isBase64(input[start - 1]) else { return nil }
        var end = start
        var onlyHex = true
        while end < input.endIndex, Bytes.isBase64(input[end]) {
            onlyHex = onlyHex && Bytes.isHex(input[end])
            end += 1
        }
        let length = end - start
        guard length >= PIIMasker.minimumBase64Run,
              !(onlyHex && length <= PIIMasker.maximumHashHexRun) else { return nil }
        var padded = end
        while padded < input.endIndex, padded - end < 2, input[padded] == UInt8(ascii: "=") { padded += 1 }
        return padded
    }

    // MARK: RRN

    private func rrn(at start: Int) -> Int? {
        guard startsNumber(at: start),
              let dash = digits(from: start, count: 6), dash < input.endIndex,
              input[dash] == UInt8(ascii: "-"),
              let end = digits(from: dash + 1, count: 7), !isDigit(at: end) else { return nil }
        return end
    }

    // MARK: Phone

    /// A masked mobile number starting at `start`: `01X…` or `+82 1X…`.
    private func phone(at start: Int) -> (end: Int, masked: [UInt8])? {
        guard startsNumber(at: start) else { return nil }
        var prefix: [UInt8]
        var i = start
        if input[i] == UInt8(ascii: "+") {
            guard let afterCountry = digitsMatching("82", from: i + 1) else { return nil }
            i = skipSeparator(afterCountry)
            prefix = Array("+82-1".utf8)
            guard i < input.endIndex, input[i] == UInt8(ascii: "1") else { return nil }
            i += 1
        } else {
            guard let afterZeroOne = digitsMatching("01", from: i) else { return nil }
            prefix = Array("01".utf8)
            i = afterZeroOne
        }
        guard i < input.endIndex, Bytes.isMobileCarrierDigit(input[i]) else { return nil }
        prefix.append(input[i])
        let afterPrefix = skipSeparator(i + 1)
        for middle in [4, 3] {
            guard let middleEnd = digits(from: afterPrefix, count: middle) else { continue }
            let lastStart = skipSeparator(middleEnd)
            guard let end = digits(from: lastStart, count: 4), !isDigit(at: end) else { continue }
            return (end, prefix + Array("-****-".utf8) + Array(input[lastStart..<end]))
        }
        return nil
    }

    // MARK: Byte helpers

    /// Numbers are only recognised at their start, never in the middle of a longer digit run.
    private func startsNumber(at i: Int) -> Bool {
        (Bytes.isDigit(input[i]) || input[i] == UInt8(ascii: "+")) && !isDigit(at: i - 1)
    }

    private func isDigit(at i: Int) -> Bool {
        i >= input.startIndex && i < input.endIndex && Bytes.isDigit(input[i])
    }

    /// Index after exactly `count` digits from `start`, or `nil`.
    private func digits(from start: Int, count: Int) -> Int? {
        guard start + count <= input.endIndex else { return nil }
        for i in start..<(start + count) where !Bytes.isDigit(input[i]) { return nil }
        return start + count
    }

    private func digitsMatching(_ literal: StaticString, from start: Int) -> Int? {
        var i = start
        for expected in UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount) {
            guard i < input.endIndex, input[i] == expected else { return nil }
            i += 1
        }
        return i
    }

    private func skipSeparator(_ i: Int) -> Int {
        guard i < input.endIndex else { return i }
        switch input[i] {
        case UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "."): return i + 1
        default: return i
        }
    }
}

extension RandomAccessCollection<UInt8> {
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }

    static func isBase64(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- UInt8(ascii: "a") < 26
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
    }

    /// The third digit of a Korean mobile prefix: 010, 011, 016, 017, 018, 019.
    static func isMobileCarrierDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0"), UInt8(ascii: "1"), UInt8(ascii: "6"),
             UInt8(ascii: "7"), UInt8(ascii: "8"), UInt8(ascii: "9"): true
        default: false
        }
    }
}
