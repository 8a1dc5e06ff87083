import Foundation

/// The demo's view of a gateway: an institution client and an operator client, with JSON
/// helpers that turn any non-2xx answer into a ``DemoFailure`` quoting the problem+json.
struct DemoGateway {
    let institution: HTTPClient
    let operator_: HTTPClient
    let recipient: HTTPClient

    init(url: String, institutionKey: String?, operatorKey: String) throws {
        institution = try HTTPClient(base: url)
        operator_ = try HTTPClient(base: url)
        recipient = try HTTPClient(base: url)
        if let institutionKey { institution.defaultHeaders["Authorization"] = "Bearer \(institutionKey)" }
        operator_.defaultHeaders["Authorization"] = "Bearer \(operatorKey)"
    }

    /// The JSON object of a 2xx response, or a failure naming `step`.
    @discardableResult
    static func expectJSON(_ response: HTTPResponse, _ step: String, status: ClosedRange<Int> = 200...299) throws -> [String: Any] {
        guard status.contains(response.status) else {
            throw DemoFailure(step: step, detail: "HTTP \(response.status): \(response.text.prefix(400))")
        }
        guard let object = response.json else {
            throw DemoFailure(step: step, detail: "not a JSON object: \(response.text.prefix(200))")
        }
        return object
    }

    /// The carrier messages the simulated network delivered to `phone` (operator route).
    func inbox(phone: String) throws -> [[String: Any]] {
        let answer = try DemoGateway.expectJSON(try operator_.post("/v1/simulator/inbox", json: ["phone": phone]), "carrier inbox")
        return answer["messages"] as? [[String: Any]] ?? []
    }
}
