import Foundation
import Glibc
import Synchronization

/// A minimal HTTP/1.1 keep-alive load generator in the manner of `wrk`: one thread (off the
/// cooperative pool) drives every connection through poll(2), each connection waiting for its
/// response before sending the next request. A thread per connection spent the 2-core machine's
/// time switching between client threads instead of serving.
enum LoadClient {
    struct Result: Sendable {
        var latencies: [Double]  // milliseconds
        var seconds: Double
        var failures: Int
    }

    /// Sends `total` copies of `request` over `connections` connections; a response whose status
    /// is not `expectStatus`, or a connection lost mid-request, counts as a failure. Cancelling
    /// the task stops the load within a poll interval (the result then covers what finished).
    static func run(port: Int, request: [UInt8], total: Int, connections: Int, expectStatus: String) async -> Result {
        let stop = StopFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    var load = EventLoopLoad(port: port, request: request, total: total, expectStatus: Array(expectStatus.utf8), stop: stop)
                    continuation.resume(returning: load.run(connections: max(1, min(connections, total))))
                }
                thread.start()
            }
        } onCancel: {
            stop.set()
        }
    }

    /// Set when the load's task is cancelled; the poll loop looks at it once per wake-up.
    final class StopFlag: Sendable {
        private let value = Atomic<Bool>(false)
        var isSet: Bool { value.load(ordering: .acquiring) }
        func set() { value.store(true, ordering: .releasing) }
    }
}

/// The poll loop behind ``LoadClient``.
private struct EventLoopLoad {
    /// One keep-alive connection and the response it is reading.
    struct Connection {
        var fd: Int32
        var received: [UInt8] = []
        var started: UInt64 = 0
    }

    let port: Int
    let request: [UInt8]
    let total: Int
    let expectStatus: [UInt8]
    let stop: LoadClient.StopFlag
    var issued = 0
    var finished = 0
    var failures = 0
    var latencies: [Double] = []
    var connections: [Connection] = []

    init(port: Int, request: [UInt8], total: Int, expectStatus: [UInt8], stop: LoadClient.StopFlag) {
        self.stop = stop
        self.port = port
        self.request = request
        self.total = total
        self.expectStatus = expectStatus
        latencies.reserveCapacity(total)
    }

    mutating func run(connections count: Int) -> LoadClient.Result {
        let begun = DispatchTime.now().uptimeNanoseconds
        for index in 0..<count {
            connections.append(Connection(fd: -1))
            startRequest(on: index)
        }
        var watched = [pollfd](repeating: pollfd(), count: count)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while finished < total, !stop.isSet {
            for index in 0..<count { watched[index] = pollfd(fd: connections[index].fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&watched, nfds_t(count), 1_000)
            if ready < 0, errno == EINTR { continue }
            guard ready >= 0 else { break }
            for index in 0..<count where watched[index].revents != 0 {
                read(on: index, into: &buffer)
            }
        }
        for connection in connections where connection.fd >= 0 { close(connection.fd) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - begun) / 1e9
        return LoadClient.Result(latencies: latencies, seconds: seconds, failures: failures)
    }

    /// Sends the next request on connection `index` (connecting first if needed), if any are left.
    private mutating func startRequest(on index: Int) {
        while issued < total {
            if connections[index].fd < 0 {
                guard let fd = connect() else { issued += 1; fail(); continue }
                connections[index].fd = fd
            }
            connections[index].received.removeAll(keepingCapacity: true)
            connections[index].started = DispatchTime.now().uptimeNanoseconds
            issued += 1
            if sendAll(connections[index].fd) { return }
            drop(index)
            fail()
        }
    }

    /// Reads what connection `index` has; on a whole response, records it and sends the next.
    private mutating func read(on index: Int, into buffer: inout [UInt8]) {
        let fd = connections[index].fd
        guard fd >= 0 else { return }
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        if count < 0, errno == EAGAIN || errno == EINTR { return }
        guard count > 0 else {
            drop(index)
            fail()
            startRequest(on: index)
            return
        }
        connections[index].received.append(contentsOf: buffer[0..<count])
        guard let status = Self.completeResponseStatus(connections[index].received) else { return }
        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - connections[index].started) / 1e6)
        finished += 1
        if status != expectStatus { failures += 1 }
        startRequest(on: index)
    }

    private mutating func fail() {
        failures += 1
        finished += 1
    }

    private mutating func drop(_ index: Int) {
        if connections[index].fd >= 0 { close(connections[index].fd) }
        connections[index].fd = -1
    }

    private func connect() -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); return nil }
        return fd
    }

    /// Writes the whole request; the socket is blocking, and a request of a few hundred bytes
    /// always fits its send buffer, so this does not wait in practice.
    private func sendAll(_ fd: Int32) -> Bool {
        var offset = 0
        while offset < request.count {
            let sent = request.withUnsafeBytes { send(fd, $0.baseAddress! + offset, request.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// The three status digits once `bytes` hold a whole response (headers and the
    /// `Content-Length` body); nil while more is to come.
    static func completeResponseStatus(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 12, let headerEnd = find(bytes, [13, 10, 13, 10]) else { return nil }
        let head = String(decoding: bytes[0..<headerEnd], as: UTF8.self).lowercased()
        var bodyLength = 0
        if let range = head.range(of: "content-length:") {
            bodyLength = Int(head[range.upperBound...].prefix { $0 != "\r" }.trimmingCharacters(in: .whitespaces)) ?? 0
        }
        guard bytes.count >= headerEnd + 4 + bodyLength else { return nil }
        return Array(bytes[9..<12])
    }

    private static func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        outer: for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            for offset in 1..<needle.count where haystack[index + offset] != needle[offset] { continue outer }
            return index
        }
        return nil
    }
}
