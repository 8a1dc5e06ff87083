import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A deliberately small HTTP/1.1 client for the CLI (`demo`, `send`, `status`, `campaign`):
/// one request per connection over a plain socket, cookies remembered between requests.
///
/// Written by hand because the listed HTTP client (async-http-client) brings a second TLS/crypto
/// stack and FoundationNetworking needs libcurl at run time; the CLI only talks to a gateway on
/// loopback or a private network, over plain HTTP.
final class HTTPClient: @unchecked Sendable {
    let base: URL
    private(set) var cookies: [String: String] = [:]
    var defaultHeaders: [String: String] = [:]

    init(base: String) throws(HTTPClientError) {
        guard let url = URL(string: base), url.scheme == "http", url.host != nil else { throw .badURL(base) }
        self.base = url
    }

    func get(_ path: String, headers: [String: String] = [:]) throws -> HTTPResponse {
        try send("GET", path, body: Data(), headers: headers)
    }

    func post(_ path: String, json: [String: Any], headers: [String: String] = [:]) throws -> HTTPResponse {
        let body = try JSONSerialization.data(withJSONObject: json)
        return try send("POST", path, body: body, headers: ["Content-Type": "application/json"].merging(headers) { $1 })
    }

    func post(_ path: String, form: [String: String], headers: [String: String] = [:]) throws -> HTTPResponse {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let text = form.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return try send("POST", path, body: Data(text.utf8),
                        headers: ["Content-Type": "application/x-www-form-urlencoded"].merging(headers) { $1 })
    }

    /// Sends one request and reads the whole response; a `429` is retried after its
    /// `Retry-After` (at most 20 times), as the gateway's rate limit asks of every client.
    func send(_ method: String, _ path: String, body: Data, headers: [String: String] = [:]) throws -> HTTPResponse {
        var response = try sendOnce(method, path, body: body, headers: headers)
        var retries = 0
        while response.status == 429, retries < 20 {
            let wait = response.headers["retry-after"].flatMap(Double.init) ?? 1
            Thread.sleep(forTimeInterval: min(max(wait, 0.05), 10))
            response = try sendOnce(method, path, body: body, headers: headers)
            retries += 1
        }
        return response
    }

    private func sendOnce(_ method: String, _ path: String, body: Data, headers: [String: String]) throws -> HTTPResponse {
        let host = base.host ?? "127.0.0.1"
        let port = base.port ?? 80
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n"
        for (name, value) in defaultHeaders.merging(headers, uniquingKeysWith: { $1 }) { head += "\(name): \(value)\r\n" }
        if !cookies.isEmpty { head += "Cookie: \(cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        let socket = try Self.connect(host: host, port: port)
        defer { close(socket) }
        try Self.write(socket, Data(head.utf8) + body)
        let response = try Self.parse(Self.readAll(socket))
        cookies.merge(response.cookies) { $1 }
        return response
    }

    private static func connect(host: String, port: Int) throws(HTTPClientError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let info = found else {
            throw .connect("\(host):\(port)", errno)
        }
        defer { freeaddrinfo(found) }
        let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, 0)
        guard descriptor >= 0 else { throw .connect("\(host):\(port)", errno) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard Glibc.connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let code = errno
            close(descriptor)
            throw .connect("\(host):\(port)", code)
        }
        return descriptor
    }

    private static func write(_ socket: Int32, _ data: Data) throws(HTTPClientError) {
        var offset = 0
        while offset < data.count {
            let sent = data.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + offset, data.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                if errno == EINTR { continue }
                throw .io(errno)
            }
            offset += sent
        }
    }

    private static func readAll(_ socket: Int32) throws(HTTPClientError) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(errno)
            }
            data.append(contentsOf: buffer[..<count])
        }
    }

    static func parse(_ raw: Data) throws(HTTPClientError) -> HTTPResponse {
        guard let split = raw.firstRange(of: Data("\r\n\r\n".utf8)) else { throw .malformedResponse("no header end") }
        let head = String(decoding: raw[..<split.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw .malformedResponse("status line") }
        var headers: [String: String] = [:]
        var cookies: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "set-cookie", let pair = value.split(separator: ";").first, let equals = pair.firstIndex(of: "=") {
                cookies[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            headers[name] = value
        }
        var body = Data(raw[split.upperBound...])
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            body = try dechunk(body)
        }
        return HTTPResponse(status: status, headers: headers, cookies: cookies, body: body)
    }

    private static func dechunk(_ data: Data) throws(HTTPClientError) -> Data {
        var out = Data()
        var index = data.startIndex
        while index < data.endIndex {
            guard let lineEnd = data[index...].firstRange(of: Data("\r\n".utf8)) else { break }
            let sizeText = String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else {
                throw .malformedResponse("chunk size \(sizeText)")
            }
            if size == 0 { break }
            let start = lineEnd.upperBound
            guard start + size <= data.endIndex else { throw .malformedResponse("short chunk") }
            out.append(data[start..<(start + size)])
            index = start + size + 2
        }
        return out
    }
}
