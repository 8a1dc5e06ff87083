import Foundation
import SongdalCrypto
import Testing

@Suite final class AESGCMStreamTests {
    let directory: URL
    let key: AESGCMKey
    let associatedData = Array("1.2.410.200032.9.abc".utf8)

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("songdal-crypto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        key = try AESGCMKey.generate()
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func file(_ name: String, _ bytes: [UInt8]? = nil) throws -> URL {
        let url = directory.appendingPathComponent(name)
        if let bytes { try Data(bytes).write(to: url) }
        return url
    }

    static func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
    }

    @Test func fileRoundTrip() throws {
        let plaintext = Self.pattern(1_000_000 + 5)
        let input = try file("plain", plaintext)
        let sealed = try file("sealed")
        let output = try file("out")
        let summary = try AESGCMStream.encrypt(input: input, output: sealed, key: key, associatedData: associatedData)
        #expect(summary.bytes == plaintext.count)
        #expect(summary.plaintextSHA256 == SHA256.hash(plaintext))
        let sealedSize = try Data(contentsOf: sealed).count
        let chunks = (plaintext.count + AESGCMStream.chunkSize - 1) / AESGCMStream.chunkSize
        #expect(sealedSize == AESGCMStream.headerSize + plaintext.count + 16 * chunks)

        let back = try AESGCMStream.decrypt(input: sealed, output: output, key: key, associatedData: associatedData)
        #expect(back.bytes == plaintext.count)
        #expect(back.plaintextSHA256 == summary.plaintextSHA256)
        #expect(try [UInt8](Data(contentsOf: output)) == plaintext)

        var streamed: [UInt8] = []
        _ = try AESGCMStream.decrypt(input: sealed, key: key, associatedData: associatedData) { streamed += $0 }
        #expect(streamed == plaintext)
    }

    @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 131_072])
    func boundarySizes(count: Int) throws {
        let plaintext = Self.pattern(count)
        let (sealed, digest) = try AESGCMStream.encrypt(plaintext, key: key, associatedData: associatedData)
        #expect(digest == SHA256.hash(plaintext))
        #expect(try AESGCMStream.decrypt(sealed, key: key, associatedData: associatedData) == plaintext)
        // In-memory and file forms are the same format.
        let sealedURL = try file("s\(count)", sealed)
        let outURL = try file("o\(count)")
        _ = try AESGCMStream.decrypt(input: sealedURL, output: outURL, key: key, associatedData: associatedData)
        #expect(try [UInt8](Data(contentsOf: outURL)) == plaintext)
    }

    @Test func tamperingIsDetected() throws {
        let plaintext = Self.pattern(3 * AESGCMStream.chunkSize + 100)
        let (sealed, _) = try AESGCMStream.encrypt(plaintext, key: key, associatedData: associatedData)
        let header = AESGCMStream.headerSize
        let sealedChunk = AESGCMStream.chunkSize + 16

        func rejects(_ bytes: [UInt8], _ label: String, ad: [UInt8]? = nil) throws {
            #expect(throws: CryptoError.self, "\(label)") {
                try AESGCMStream.decrypt(bytes, key: key, associatedData: ad ?? associatedData)
            }
            // The file form must also refuse, and leave no output behind.
            let input = try file("t-\(label)", bytes)
            let output = directory.appendingPathComponent("t-\(label).out")
            #expect(throws: CryptoError.self, "\(label) (file)") {
                try AESGCMStream.decrypt(input: input, output: output, key: key, associatedData: ad ?? associatedData)
            }
            #expect(!FileManager.default.fileExists(atPath: output.path), "\(label) left output")
        }

        // Truncating the last chunk, partly or entirely (cut exactly at a chunk boundary).
        try rejects(Array(sealed.dropLast(1)), "truncate1")
        try rejects(Array(sealed.prefix(header + 3 * sealedChunk)), "dropLastChunk")
        try rejects(Array(sealed.prefix(header + sealedChunk)), "onlyFirstChunk")
        try rejects(Array(sealed.prefix(header)), "headerOnly")
        // Swapping chunks 0 and 1.
        var swapped = sealed
        swapped.replaceSubrange(header..<header + sealedChunk, with: sealed[header + sealedChunk..<header + 2 * sealedChunk])
        swapped.replaceSubrange(header + sealedChunk..<header + 2 * sealedChunk, with: sealed[header..<header + sealedChunk])
        try rejects(swapped, "swap")
        // Flipping one byte anywhere: header prefix, a middle ciphertext byte, a tag byte.
        for position in [1, 5, header + 10, header + sealedChunk + 500, sealed.count - 1] {
            var flipped = sealed
            flipped[position] ^= 0x80
            try rejects(flipped, "flip\(position)")
        }
        // Appending a chunk copied from elsewhere; wrong associated data; wrong key.
        try rejects(sealed + sealed[header..<header + sealedChunk], "append")
        try rejects(sealed, "otherAD", ad: Array("other document".utf8))
        #expect(throws: CryptoError.self) {
            try AESGCMStream.decrypt(sealed, key: AESGCMKey.generate(), associatedData: associatedData)
        }
    }
}
