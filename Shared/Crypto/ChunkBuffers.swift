/// The fixed memory of one `AESGCMStream` operation: two input chunk buffers (read-ahead),
/// one output buffer, and the small per-chunk nonce/AAD scratch. Allocated once per file so
/// the per-chunk loop neither allocates nor copies beyond what AES itself needs.
struct ChunkBuffers: ~Copyable {
    let first: UnsafeMutableRawBufferPointer
    let second: UnsafeMutableRawBufferPointer
    let output: UnsafeMutableRawBufferPointer
    /// `output.baseAddress`, non-optional (the allocation is never empty).
    let outputBase: UnsafeMutableRawPointer
    /// "SGC1" ‖ 8-byte prefix, as written at the start of the stream.
    let header: UnsafeMutableRawBufferPointer
    private let nonce: UnsafeMutableRawBufferPointer
    private let info: UnsafeMutableRawBufferPointer
    private let associatedData: UnsafeMutableRawBufferPointer

    init(input: Int, output outputCount: Int, associatedData data: [UInt8]) {
        first = .allocate(byteCount: input, alignment: 16)
        second = .allocate(byteCount: input, alignment: 16)
        let outputBase = UnsafeMutableRawPointer.allocate(byteCount: outputCount, alignment: 16)
        self.outputBase = outputBase
        output = UnsafeMutableRawBufferPointer(start: outputBase, count: outputCount)
        header = .allocate(byteCount: AESGCMStream.headerSize, alignment: 1)
        nonce = .allocate(byteCount: GCMContext.nonceCount, alignment: 1)
        info = .allocate(byteCount: 5, alignment: 1)
        let associatedData = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, data.count), alignment: 1)
        data.withUnsafeBytes { associatedData.copyMemory(from: $0) }
        self.associatedData = associatedData
        associatedDataCount = data.count
    }

    private let associatedDataCount: Int

    deinit {
        for buffer in [first, second, output, header, nonce, info, associatedData] { buffer.deallocate() }
    }

    /// Nonce (prefix ‖ index) and AAD pieces (header, index ‖ final flag, caller's data) for
    /// chunk `index`; valid until the next call.
    func parameters(index: UInt32, isFinal: Bool) -> (nonce: UnsafeRawBufferPointer, aad: [UnsafeRawBufferPointer]) {
        for offset in 0..<8 { nonce[offset] = header[4 + offset] }
        for offset in 0..<4 {
            let byte = UInt8(truncatingIfNeeded: index >> (24 - 8 * offset))
            nonce[8 + offset] = byte
            info[offset] = byte
        }
        info[4] = isFinal ? 1 : 0
        let aad = [
            UnsafeRawBufferPointer(header), UnsafeRawBufferPointer(info),
            UnsafeRawBufferPointer(rebasing: associatedData[0..<associatedDataCount]),
        ]
        return (UnsafeRawBufferPointer(nonce), aad)
    }
}
