import Foundation

/// A tiny W3C WebDriver client (JSON over HTTP to chromedriver): just the commands the
/// recipient walk needs. Every failure names the command and the driver's error.
struct WebDriverSession: Sendable {
    let driver: HTTPClient
    let id: String

    /// The W3C element reference key.
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    /// A headless Chromium on a phone-sized window.
    static func create(driver: HTTPClient, binary: String) async throws -> WebDriverSession {
        let options: [String: Any] = [
            "binary": binary,
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=412,915", "--lang=ko-KR"],
            // Desktop Chrome keeps windows at least 500 px wide; emulation gives the phone's 412 px viewport.
            "mobileEmulation": ["deviceMetrics": ["width": 412, "height": 915, "pixelRatio": 1.0]],
        ]
        let capabilities: [String: Any] = ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]
        let value = try await command(driver, .post, "/session", ["capabilities": capabilities])
        guard let object = value as? [String: Any], let id = object["sessionId"] as? String else {
            throw WebDriverError.unexpected("POST /session", "\(value)")
        }
        let session = WebDriverSession(driver: driver, id: id)
        // Fail a stuck page within the test's patience rather than chromedriver's five minutes.
        _ = try await session.call(.post, "/timeouts", ["pageLoad": 20_000, "script": 20_000, "implicit": 0])
        return session
    }

    func navigate(to url: String) async throws { _ = try await call(.post, "/url", ["url": url]) }

    func currentURL() async throws -> String { try await string(.get, "/url") }

    func title() async throws -> String { try await string(.get, "/title") }

    /// The page's visible text.
    func bodyText() async throws -> String {
        try await execute("return document.body.innerText;") as? String ?? ""
    }

    /// The element matching a CSS selector (the driver's `no such element` error otherwise).
    func element(_ selector: String) async throws -> String {
        let value = try await call(.post, "/element", ["using": "css selector", "value": selector])
        guard let object = value as? [String: Any], let element = object[Self.elementKey] as? String else {
            throw WebDriverError.unexpected("find \(selector)", "\(value)")
        }
        return element
    }

    func type(_ text: String, into selector: String) async throws {
        _ = try await call(.post, "/element/\(try await element(selector))/value", ["text": text])
    }

    func click(_ selector: String) async throws {
        _ = try await call(.post, "/element/\(try await element(selector))/click", [:])
    }

    /// Runs a script in the page (a returned promise is awaited by the driver).
    func execute(_ script: String, _ arguments: [Any] = []) async throws -> Any {
        try await call(.post, "/execute/sync", ["script": script, "args": arguments])
    }

    /// A PNG of the viewport.
    func screenshot() async throws -> Data {
        guard let data = Data(base64Encoded: try await string(.get, "/screenshot")) else {
            throw WebDriverError.unexpected("screenshot", "not base64")
        }
        return data
    }

    /// Ends the session (closes the browser).
    func delete() async throws { _ = try await Self.command(driver, .delete, "/session/\(id)", nil) }

    private func string(_ method: HTTPMethod, _ path: String) async throws -> String {
        let value = try await call(method, path, nil)
        guard let text = value as? String else { throw WebDriverError.unexpected("\(method) \(path)", "\(value)") }
        return text
    }

    private func call(_ method: HTTPMethod, _ path: String, _ body: [String: Any]?) async throws -> Any {
        try await Self.command(driver, method, "/session/\(id)\(path)", body)
    }

    enum HTTPMethod: String { case get = "GET", post = "POST", delete = "DELETE" }

    /// One command: the response's `value`, or the driver's error as a `WebDriverError`.
    static func command(_ driver: HTTPClient, _ method: HTTPMethod, _ path: String, _ body: [String: Any]?) async throws -> Any {
        let reply: HTTPReply
        switch method {
        case .get: reply = try await driver.get(path)
        case .post: reply = try await driver.postJSON(path, body ?? [:])
        case .delete: reply = try await driver.send(.delete, path)
        }
        let value = reply.json["value"] ?? NSNull()
        guard reply.status == 200 else {
            let detail = value as? [String: Any]
            throw WebDriverError.failed("\(method.rawValue) \(path)", detail?["error"] as? String ?? "HTTP \(reply.status)",
                                        detail?["message"] as? String ?? reply.text)
        }
        return value
    }
}

enum WebDriverError: Error, CustomStringConvertible {
    case failed(String, String, String)
    case unexpected(String, String)

    var description: String {
        switch self {
        case let .failed(command, error, message): "WebDriver \(command): \(error): \(message.prefix(400))"
        case let .unexpected(command, value): "WebDriver \(command): unexpected answer \(value.prefix(400))"
        }
    }
}
