#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Streaming AES-256-GCM for documents at rest (VA-1, up to 100 MB), in constant memory.
///
/// Format (version 1):
///
///     header  = "SGC1" ‖ prefix (8 random bytes)                         12 bytes
///     chunk i = AES-GCM(plaintext[i·64 KiB ..< (i+1)·64 KiB]) ‖ tag       ≤ 64 KiB + 16
///     nonce i = prefix ‖ UInt32 big-endian i
///     AAD i   = header ‖ UInt32 big-endian i ‖ final flag (1 on the last chunk, else 0)
///               ‖ caller's associated data
///
/// Every chunk except the last holds exactly 64 KiB; empty input still yields one (final,
/// empty) chunk. Binding the index defeats reordering and swapping chunks (also between files:
/// each file has its own random prefix); binding the final flag defeats truncation at a chunk
/// boundary and appending; binding the header defeats version/prefix swaps. The random 8-byte
/// prefix keeps nonces unique per key for up to about 2³² files, and the 32-bit counter caps a
/// file at 256 TiB.
///
/// Decryption verifies each chunk before releasing it, but a later chunk may still fail: file
/// output is therefore written to a temporary file renamed into place only after the last tag
/// checked out, and chunk-callback users must treat delivered bytes as provisional until the
/// call returns.
public enum AESGCMStream {
    /// Plaintext bytes per chunk.
    public static let chunkSize = 64 * 1024
    /// Bytes before the first chunk.
    public static let headerSize = 12
    static let magic: [UInt8] = Array("SGC1".utf8)

    /// The result of a streaming operation: the SHA-256 of the plaintext (so the vault gets
    /// VA-4's content hash in the same pass) and the plaintext length.
    public typealias Summary = (plaintextSHA256: [UInt8], bytes: Int)

    /// Encrypts the file at `input` into `output` (replaced atomically), binding `associatedData`
    /// (e.g. the document id) to every chunk.
    public static func encrypt(
        input: URL, output: URL, key: AESGCMKey, associatedData: [UInt8]
    ) throws(CryptoError) -> Summary {
        let source = try RawFile(reading: input)
        return try AtomicOutput.write(to: output) { (sink: borrowing RawFile) throws(CryptoError) in
            try seal(key: key, associatedData: associatedData,
                     read: { (buffer) throws(CryptoError) in try source.readFull(into: buffer) },
                     write: { (bytes) throws(CryptoError) in try sink.writeAll(bytes) })
        }
    }

    /// Decrypts `input` into `output`; `output` appears only if every chunk authenticated.
    /// Returns the plaintext SHA-256 (compare it with the stored content hash) and length.
    public static func decrypt(
        input: URL, output: URL, key: AESGCMKey, associatedData: [UInt8]
    ) throws(CryptoError) -> Summary {
        let source = try RawFile(reading: input)
        return try AtomicOutput.write(to: output) { (sink: borrowing RawFile) throws(CryptoError) in
            try open(key: key, associatedData: associatedData,
                     read: { (buffer) throws(CryptoError) in try source.readFull(into: buffer) },
                     write: { (bytes) throws(CryptoError) in try sink.writeAll(bytes) })
        }
    }

    /// Decrypts `input`, handing each authenticated chunk to `chunk` (e.g. to stream a download).
    /// If this throws, bytes already delivered must be discarded.
    public static func decrypt(
        input: URL, key: AESGCMKey, associatedData: [UInt8],
        chunk: (UnsafeRawBufferPointer) throws(CryptoError) -> Void
    ) throws(CryptoError) -> Summary {
        let source = try RawFile(reading: input)
        return try open(key: key, associatedData: associatedData,
                        read: { (buffer) throws(CryptoError) in try source.readFull(into: buffer) },
                        write: chunk)
    }

    /// Encrypts an in-memory document into the same format (for uploads already in memory).
    public static func encrypt(
        _ plaintext: [UInt8], key: AESGCMKey, associatedData: [UInt8]
    ) throws(CryptoError) -> (sealed: [UInt8], plaintextSHA256: [UInt8]) {
        let chunks = max(1, (plaintext.count + chunkSize - 1) / chunkSize)
        var sealed: [UInt8] = []
        sealed.reserveCapacity(headerSize + plaintext.count + chunks * GCMContext.tagCount)
        var reader = MemoryReader()
        let summary = try OpenSSL.typed("AESGCMStream.encrypt") {
            try plaintext.withUnsafeBytes { source in try seal(key: key, associatedData: associatedData,
                     read: { (buffer) throws(CryptoError) in reader.read(from: source, into: buffer) },
                     write: { (bytes) throws(CryptoError) in sealed.append(contentsOf: bytes) }) }
        }
        return (sealed, summary.plaintextSHA256)
    }

    /// Decrypts an in-memory sealed document; throws if any chunk fails to authenticate.
    public static func decrypt(
        _ sealed: [UInt8], key: AESGCMKey, associatedData: [UInt8]
    ) throws(CryptoError) -> [UInt8] {
        var plaintext: [UInt8] = []
        plaintext.reserveCapacity(sealed.count)
        var reader = MemoryReader()
        _ = try OpenSSL.typed("AESGCMStream.decrypt") {
            try sealed.withUnsafeBytes { source in try open(key: key, associatedData: associatedData,
                     read: { (buffer) throws(CryptoError) in reader.read(from: source, into: buffer) },
                     write: { (bytes) throws(CryptoError) in plaintext.append(contentsOf: bytes) }) }
        }
        return plaintext
    }

    // MARK: - Core

    typealias Read = (UnsafeMutableRawBufferPointer) throws(CryptoError) -> Int
    typealias Write = (UnsafeRawBufferPointer) throws(CryptoError) -> Void

    static func seal(key: AESGCMKey, associatedData: [UInt8], read: Read, write: Write) throws(CryptoError) -> Summary {
        let context = try GCMContext(key: key.bytes, encrypting: true)
        let buffers = ChunkBuffers(input: chunkSize, output: chunkSize + GCMContext.tagCount, associatedData: associatedData)
        magic.withUnsafeBytes { buffers.header.copyMemory(from: $0) }
        try SecureRandom.fill(UnsafeMutableRawBufferPointer(rebasing: buffers.header[4...]))
        try write(UnsafeRawBufferPointer(buffers.header))

        // Double buffering: whether a full chunk is the last one must be known before sealing
        // it, so the following chunk is read first.
        var hasher = try SHA256Hasher()
        var current = buffers.first, next = buffers.second
        var currentCount = try read(current)
        var index: UInt32 = 0
        var total = 0
        while true {
            var nextCount = 0
            let isFinal: Bool
            if currentCount < chunkSize {
                isFinal = true
            } else {
                nextCount = try read(next)
                isFinal = nextCount == 0
            }
            let plain = UnsafeRawBufferPointer(rebasing: current[0..<currentCount])
            hasher.update(plain)
            let (nonce, aad) = buffers.parameters(index: index, isFinal: isFinal)
            let sealed = UnsafeMutableRawBufferPointer(rebasing: buffers.output[0..<currentCount + GCMContext.tagCount])
            try context.seal(nonce: nonce, aad: aad, plaintext: plain, output: buffers.outputBase,
                             tag: buffers.outputBase + currentCount)
            try write(UnsafeRawBufferPointer(sealed))
            total += currentCount
            if isFinal { break }
            guard index < UInt32.max else {
                throw CryptoError(operation: "AESGCMStream.encrypt", reason: "input exceeds 2³² chunks")
            }
            index += 1
            swap(&current, &next)
            currentCount = nextCount
        }
        return (hasher.finalize(), total)
    }

    static func open(key: AESGCMKey, associatedData: [UInt8], read: Read, write: Write) throws(CryptoError) -> Summary {
        let operation = "AESGCMStream.decrypt"
        let context = try GCMContext(key: key.bytes, encrypting: false)
        let sealedChunk = chunkSize + GCMContext.tagCount
        let buffers = ChunkBuffers(input: sealedChunk, output: chunkSize, associatedData: associatedData)
        let headerCount = try read(buffers.header)
        guard headerCount == headerSize, buffers.header.prefix(4).elementsEqual(magic) else {
            throw CryptoError(operation: operation, reason: "not a version 1 encrypted stream")
        }

        var hasher = try SHA256Hasher()
        var current = buffers.first, next = buffers.second
        var currentCount = try read(current)
        var index: UInt32 = 0
        var total = 0
        while true {
            guard currentCount >= GCMContext.tagCount else {
                throw CryptoError(operation: operation, reason: "authentication failed (truncated at chunk \(index))")
            }
            var nextCount = 0
            let isFinal: Bool
            if currentCount < sealedChunk {
                isFinal = true
            } else {
                nextCount = try read(next)
                isFinal = nextCount == 0
            }
            let plainCount = currentCount - GCMContext.tagCount
            let sealed = UnsafeRawBufferPointer(current)
            let (nonce, aad) = buffers.parameters(index: index, isFinal: isFinal)
            do {
                try context.open(nonce: nonce, aad: aad,
                                 ciphertext: UnsafeRawBufferPointer(rebasing: sealed[0..<plainCount]),
                                 tag: UnsafeRawBufferPointer(rebasing: sealed[plainCount..<currentCount]),
                                 output: buffers.output.baseAddress, operation: operation)
            } catch {
                throw CryptoError(operation: operation, reason: "authentication failed (chunk \(index))")
            }
            let plain = UnsafeRawBufferPointer(rebasing: buffers.output[0..<plainCount])
            hasher.update(plain)
            try write(plain)
            total += plainCount
            if isFinal { break }
            guard index < UInt32.max else {
                throw CryptoError(operation: operation, reason: "input exceeds 2³² chunks")
            }
            index += 1
            swap(&current, &next)
            currentCount = nextCount
        }
        return (hasher.finalize(), total)
    }
}
