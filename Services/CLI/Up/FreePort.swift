import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel for a free loopback TCP port (bind to port 0, read it back, close).
///
/// Another process could take the port between this call and the child's bind; for loopback
/// development and tests that window is acceptable, and a child that fails to bind is restarted.
enum FreePort {
    enum Failure: Error, CustomStringConvertible {
        case socket(Int32)
        var description: String { "could not find a free port (errno \(errnoValue))" }
        var errnoValue: Int32 { if case .socket(let code) = self { code } else { 0 } }
    }

    static func loopback() throws(Failure) -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw .socket(errno) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw .socket(errno) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw .socket(errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
