import Foundation
import Glibc
import Synchronization

/// A loopback TCP relay that records what the client sends: a packet capture without privileges.
final class TCPTap: @unchecked Sendable {
    let endpoint: String
    private let listener: Int32
    private let targetPort: UInt16
    private let recorded = Mutex<[UInt8]>([])
    private let stopped = Atomic<Bool>(false)

    init(target: String) throws {
        guard let portText = target.split(separator: ":").last, let port = UInt16(portText) else {
            throw POSIXError(.EINVAL)
        }
        targetPort = port
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        listener = fd
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        endpoint = "tcp://127.0.0.1:\(UInt16(bigEndian: actual.sin_port))"
        Thread { [self] in acceptLoop() }.start()
    }

    var captured: [UInt8] { recorded.withLock { $0 } }

    func stop() {
        stopped.store(true, ordering: .releasing)
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .acquiring) {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: targetPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { close(client); close(server); continue }
            Thread { [self] in pump(from: client, to: server, record: true) }.start()
            Thread { [self] in pump(from: server, to: client, record: false) }.start()
        }
    }

    private func pump(from source: Int32, to destination: Int32, record: Bool) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            if record { recorded.withLock { $0.append(contentsOf: buffer[0..<count]) } }
            var sent = 0
            while sent < count {
                let written = buffer.withUnsafeBytes { write(destination, $0.baseAddress! + sent, count - sent) }
                guard written > 0 else { break }
                sent += written
            }
        }
        shutdown(destination, Int32(SHUT_WR))
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        return address
    }
}
