import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Schema

/// Posts each message as JSON to a configured URL (what a real SMS/RCS/KakaoTalk gateway plugs
/// into). `Idempotency-Key` carries the message reference. A 2xx answer with
/// `{"status":"delivered"}` is a delivery (its carrier receipt; `receiptId` names it, else the
/// provider and reference do), any other 2xx an acceptance (a receipt follows); 4xx
/// means the handset cannot take this channel (fallback); 5xx, timeouts and connection errors
/// count against the provider's health (failover).
struct HTTPProvider: ChannelProvider {
    let name: String
    let kind = "http"
    let channels: Set<NoticeChannel>
    let carrier: Carrier?
    let url: URL
    let timeoutSeconds: TimeInterval

    struct Body: Codable {
        var reference: String
        var phone: String
        var channel: String
        var subject: String?
        var text: String
        var link: String?
        var templateCode: String?
        var buttons: [KakaoButton]?
    }

    private struct Answer: Decodable {
        var status: String?
        var receiptId: String?
    }

    func send(_ message: OutboundMessage, now: Date) async throws(ProviderFailure) -> ProviderOutcome {
        var request = URLRequest(url: url, timeoutInterval: timeoutSeconds)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(message.reference, forHTTPHeaderField: "Idempotency-Key")
        let body = Body(reference: message.reference, phone: message.phone, channel: message.channel.rawValue,
                        subject: message.subject, text: message.text, link: message.link, templateCode: message.kakaoTemplate,
                        buttons: message.buttons.isEmpty ? nil : message.buttons)
        guard let encoded = try? JSONEncoder().encode(body) else { throw .rejected("unencodable message") }
        request.httpBody = encoded
        let result: (Data, Int)
        do {
            result = try await Self.post(request)
        } catch {
            throw .unavailable("connection: \(error.localizedDescription)")
        }
        switch result.1 {
        case 200..<300:
            let answer = try? JSONDecoder().decode(Answer.self, from: result.0)
            guard let answer, answer.status == "delivered" else { return .accepted }
            let id = answer.receiptId.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
                ?? CarrierReceipt.id(provider: name, reference: message.reference)
            return .delivered(CarrierReceipt(id: id, provider: name, at: now))
        case 400..<500: throw .rejected("HTTP \(result.1)")
        default: throw .unavailable("HTTP \(result.1)")
        }
    }

    private static func post(_ request: URLRequest) async throws -> (Data, Int) {
        try await withCheckedThrowingContinuation { continuation in
            let task = URLSession.shared.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else {
                    continuation.resume(returning: (data ?? Data(), (response as? HTTPURLResponse)?.statusCode ?? 0))
                }
            }
            task.resume()
        }
    }
}
