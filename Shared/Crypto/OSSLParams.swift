import CSSL

/// Builders for `OSSL_PARAM` arrays, which point at strings that must outlive the call.
enum OSSLParams {
    /// Calls `body` with `{ digest = name, END }`, the parameter set for HMAC.
    static func withDigest<R>(_ name: String, _ body: (UnsafePointer<OSSL_PARAM>) -> R) -> R {
        name.withCString { cName in
            OSSL_MAC_PARAM_DIGEST.withCString { cKey in
                var params = (
                    OSSL_PARAM_construct_utf8_string(cKey, UnsafeMutablePointer(mutating: cName), 0),
                    OSSL_PARAM_construct_end()
                )
                // A homogeneous tuple is laid out like a C array.
                return withUnsafePointer(to: &params) { tuple in
                    tuple.withMemoryRebound(to: OSSL_PARAM.self, capacity: 2) { body($0) }
                }
            }
        }
    }
}
