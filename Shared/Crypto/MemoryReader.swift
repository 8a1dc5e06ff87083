/// A read cursor over in-memory bytes with the same shape as `RawFile.readFull`, so the
/// streaming code serves files and buffers alike.
struct MemoryReader {
    private var offset = 0

    /// Copies up to `buffer.count` bytes from `source` at the cursor; returns how many.
    mutating func read(from source: UnsafeRawBufferPointer, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, source.count - offset)
        guard count > 0, let base = buffer.baseAddress, let from = source.baseAddress else { return 0 }
        base.copyMemory(from: from + offset, byteCount: count)
        offset += count
        return count
    }
}
