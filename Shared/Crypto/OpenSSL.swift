import CSSL

/// The single door to OpenSSL, modelled on SwiftNIO's `System.swift`: every call whose result
/// can signal failure goes through `check` or `make`, which turn OpenSSL's int/NULL conventions
/// into a thrown `CryptoError` carrying the operation name and the drained error queue.
enum OpenSSL {
    /// Runs `body` and throws unless it returned a positive value (OpenSSL's "1 = success",
    /// and "length > 0" for the i2d/encode family). Returns the value for length-returning calls.
    @inline(__always) @discardableResult
    static func check(_ operation: @autoclosure () -> String, _ body: () -> Int32) throws(CryptoError) -> Int32 {
        let result = body()
        guard result > 0 else { throw failure(operation()) }
        return result
    }

    /// Runs an allocating/lookup call and throws if it returned NULL.
    @inline(__always) @discardableResult
    static func make<T>(_ operation: @autoclosure () -> String, _ body: () -> T?) throws(CryptoError) -> T {
        guard let value = body() else { throw failure(operation()) }
        return value
    }

    /// Builds the error for `operation`, draining this thread's OpenSSL error queue so a stale
    /// entry can never be blamed on a later, unrelated call.
    static func failure(_ operation: String, fallback: String = "OpenSSL reported failure") -> CryptoError {
        let queue = drainErrors()
        return CryptoError(operation: operation, reason: queue.isEmpty ? fallback : queue)
    }

    /// Empties the thread-local error queue and returns its entries joined by "; ".
    static func drainErrors() -> String {
        var parts: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            let text = buffer.withUnsafeMutableBufferPointer { chars -> String in
                guard let base = chars.baseAddress else { return "error \(code)" }
                ERR_error_string_n(code, base, chars.count)
                return String(cString: base)
            }
            parts.append(text)
        }
        return parts.joined(separator: "; ")
    }

    /// Runs a body that can only throw `CryptoError` but sits inside a stdlib closure API that
    /// rethrows untyped (`withUnsafeBytes`, `Array(unsafeUninitializedCapacity:)`), restoring
    /// the typed error.
    @inline(__always)
    static func typed<R>(_ operation: String, _ body: () throws -> R) throws(CryptoError) -> R {
        do {
            return try body()
        } catch let error as CryptoError {
            throw error
        } catch {
            throw CryptoError(operation: operation, reason: String(describing: error))
        }
    }

    /// For the few non-throwing APIs (one-shot digests/HMAC) whose OpenSSL calls cannot fail for
    /// any input: failure there means allocation failure or a broken provider setup, which Swift
    /// itself treats as fatal (as it does when an Array cannot allocate). Never reached by input.
    static func invariant(_ operation: String, _ ok: Bool) {
        if !ok { fatalError("OpenSSL invariant broken in \(operation): \(drainErrors())") }
    }
}
