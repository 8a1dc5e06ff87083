/// Just enough DER walking to take the `certificates` field out of a `TimeStampResp`, so the
/// response can be parsed without re-decoding certificates already parsed once (see
/// `KnownCertificates`).
///
///     TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken ContentInfo }
///     ContentInfo   ::= SEQUENCE { contentType OID, content [0] EXPLICIT SignedData }
///     SignedData    ::= SEQUENCE { version, digestAlgorithms, encapContentInfo,
///                                  certificates [0] IMPLICIT SET OF Certificate OPTIONAL,
///                                  crls [1] OPTIONAL, signerInfos }
///
/// Anything else — indefinite or non-minimal lengths, multi-byte tags, trailing bytes, a
/// certificate choice other than a plain `Certificate` — returns nil and the caller parses the
/// bytes as they are, so the split never changes what is accepted.
enum TimeStampDER {
    /// One TLV: where its content starts and ends in the buffer.
    struct Element {
        let tag: UInt8
        let start: Int
        let contentStart: Int
        let end: Int
    }

    /// The response with its `certificates` field removed (lengths re-encoded), and each
    /// removed certificate's exact DER, in order; nil when there is nothing to remove or the
    /// layout is not the plain one above.
    static func split(_ der: [UInt8]) -> (stripped: [UInt8], certificates: [ArraySlice<UInt8>])? {
        guard let response = element(der, at: 0), response.tag == 0x30, response.end == der.count else { return nil }
        let parts = children(der, response)
        guard let parts, parts.count == 2, parts[0].tag == 0x30, parts[1].tag == 0x30 else { return nil }
        let contentInfo = parts[1]
        guard let info = children(der, contentInfo), info.count == 2, info[0].tag == 0x06, info[1].tag == 0xA0,
              let wrapped = children(der, info[1]), wrapped.count == 1, wrapped[0].tag == 0x30,
              let fields = children(der, wrapped[0]) else { return nil }
        guard let certificatesIndex = fields.firstIndex(where: { $0.tag == 0xA0 }),
              fields.filter({ $0.tag == 0xA0 }).count == 1,
              let certificates = children(der, fields[certificatesIndex]), !certificates.isEmpty,
              certificates.allSatisfy({ $0.tag == 0x30 }) else { return nil }

        // Rebuilt in one buffer, outermost header first: every length is known up front.
        let removed = fields[certificatesIndex]
        let signedDataLength = wrapped[0].end - wrapped[0].contentStart - (removed.end - removed.start)
        let explicitLength = headerLength(signedDataLength) + signedDataLength
        let tokenLength = (info[0].end - info[0].start) + headerLength(explicitLength) + explicitLength
        let responseLength = (parts[0].end - parts[0].start) + headerLength(tokenLength) + tokenLength
        var stripped: [UInt8] = []
        stripped.reserveCapacity(headerLength(responseLength) + responseLength)
        appendHeader(0x30, responseLength, to: &stripped)
        stripped += der[parts[0].start..<parts[0].end]
        appendHeader(0x30, tokenLength, to: &stripped)
        stripped += der[info[0].start..<info[0].end]
        appendHeader(0xA0, explicitLength, to: &stripped)
        appendHeader(0x30, signedDataLength, to: &stripped)
        stripped += der[wrapped[0].contentStart..<removed.start]
        stripped += der[removed.end..<wrapped[0].end]
        return (stripped, certificates.map { der[$0.start..<$0.end] })
    }

    /// The TLV at `offset`, or nil unless its header is single-byte-tag, definite, minimal DER
    /// and the content fits.
    static func element(_ der: [UInt8], at offset: Int) -> Element? {
        guard offset + 2 <= der.count else { return nil }
        let tag = der[offset]
        guard tag & 0x1F != 0x1F else { return nil }
        let first = der[offset + 1]
        var length = 0
        var contentStart = offset + 2
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard (1...4).contains(count), offset + 2 + count <= der.count, der[offset + 2] != 0 else { return nil }
            for byte in der[(offset + 2)..<(offset + 2 + count)] { length = length << 8 | Int(byte) }
            guard length >= 0x80, headerLength(length) == 2 + count else { return nil }
            contentStart += count
        }
        guard contentStart + length <= der.count else { return nil }
        return Element(tag: tag, start: offset, contentStart: contentStart, end: contentStart + length)
    }

    /// The TLVs making up a constructed element's content exactly; nil if they do not.
    static func children(_ der: [UInt8], _ parent: Element) -> [Element]? {
        guard parent.tag & 0x20 != 0 else { return nil }
        var result: [Element] = []
        var offset = parent.contentStart
        while offset < parent.end {
            guard let child = element(der, at: offset), child.end <= parent.end else { return nil }
            result.append(child)
            offset = child.end
        }
        return result
    }

    /// Bytes of a tag and minimal DER length for `length` content bytes.
    static func headerLength(_ length: Int) -> Int {
        length < 0x80 ? 2 : 2 + byteCount(length)
    }

    /// Appends a tag and the minimal DER length octets.
    static func appendHeader(_ tag: UInt8, _ length: Int, to out: inout [UInt8]) {
        out.append(tag)
        guard length >= 0x80 else {
            out.append(UInt8(length))
            return
        }
        let count = byteCount(length)
        out.append(0x80 | UInt8(count))
        for index in stride(from: count - 1, through: 0, by: -1) { out.append(UInt8(truncatingIfNeeded: length >> (8 * index))) }
    }

    /// Bytes needed for `value` in big-endian, at least one.
    private static func byteCount(_ value: Int) -> Int {
        var count = 1
        while value >> (8 * count) > 0 { count += 1 }
        return count
    }
}
