import CSSL
import Foundation

/// Shared one-shot digest code behind `SHA256` and `SHA512`.
enum Digest {
    /// Hashes `data` with `md` in one call. Digesting cannot fail for any input; a failure means
    /// allocation failure or a broken provider (see `OpenSSL.invariant`).
    static func oneShot(_ md: OpaquePointer?, size: Int, _ data: UnsafeRawBufferPointer, name: String) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: size) { out, count in
            var length: UInt32 = 0
            let ok = EVP_Digest(data.baseAddress, data.count, out.baseAddress, &length, md, nil) == 1
            OpenSSL.invariant(name, ok && Int(length) == size)
            count = size
        }
    }
}
