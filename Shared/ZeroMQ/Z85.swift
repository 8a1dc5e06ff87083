import CZeroMQ

/// ZeroMQ's Z85 text encoding of binary data (`zmq_z85_encode` / `zmq_z85_decode`),
/// the form CURVE keys are exchanged in.
public enum Z85 {
    /// Encodes `bytes`, whose count must be a multiple of 4; `nil` otherwise.
    public static func encode(_ bytes: [UInt8]) -> String? {
        guard bytes.count % 4 == 0 else { return nil }
        let length = bytes.count / 4 * 5
        // length + 1 for the NUL libzmq writes.
        var text = [CChar](repeating: 0, count: length + 1)
        let encoded = text.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { zmq_z85_encode(out.baseAddress, $0.baseAddress, $0.count) }
        }
        guard encoded != nil else { return nil }
        return String(decoding: text.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Decodes Z85 `text`, whose length must be a multiple of 5; `nil` if it is not valid Z85.
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = text.utf8
        // A NUL would end the C string early and make libzmq decode a prefix only.
        guard utf8.count % 5 == 0, !utf8.contains(0) else { return nil }
        var bytes = [UInt8](repeating: 0, count: utf8.count / 5 * 4)
        let decoded = bytes.withUnsafeMutableBufferPointer { out in
            text.withCString { zmq_z85_decode(out.baseAddress, $0) }
        }
        return decoded == nil ? nil : bytes
    }
}
