import Formats
import Foundation
import Schema

/// The printable form of a certificate (VA-6): one self-contained HTML page.
public enum CertificateRenderer {
    static let titles: [VaultCertificateKind: String] = [
        .original: "원본증명서 · Certificate of Original",
        .registration: "등록증명서 · Registration Certificate",
        .destruction: "폐기증명서 · Destruction Certificate",
        .delivery: "유통증명서 · Delivery Certificate",
    ]

    /// The HTML page of `certificate` (every value escaped).
    public static func html(_ certificate: VaultCertificate) -> String {
        var rows: [(String, String)] = [
            ("Serial", certificate.serial), ("Version", "\(certificate.version)"), ("Issuer", certificate.issuer),
            ("Issued at", iso(certificate.issuedAt)), ("Valid until", certificate.validUntil.map(iso) ?? "—"),
            ("Policy", certificate.policyOID), ("Requester", certificate.requester), ("Purpose", certificate.purpose),
            ("Package", certificate.document.packageId), ("Document", certificate.document.documentId),
            ("Title", certificate.document.title), ("Keywords", certificate.document.keywords.joined(separator: ", ")),
            ("Description", certificate.document.description), ("File", "\(certificate.document.fileName) (\(certificate.document.kind), \(certificate.document.size) bytes)"),
            ("Content SHA-256", certificate.document.contentHash), ("Registered at", iso(certificate.document.registeredAt)),
            ("Original or copy", certificate.document.copy ? "copy" : "original"),
        ]
        if let notice = certificate.notice {
            rows += [("Notice", notice.noticeId), ("Sender", notice.sender), ("Recipient", notice.recipientMasked),
                     ("Sent at", iso(notice.sentAt)), ("Delivered at", notice.deliveredAt.map(iso) ?? "—"),
                     ("Read at", notice.readAt.map(iso) ?? "—")]
        }
        if let destruction = certificate.destruction {
            rows += [("Destroyed at", iso(destruction.destroyedAt)), ("Basis", destruction.basis)]
        }
        let checkpoint = certificate.evidence.checkpoint
        rows += [("Log checkpoint", "size \(checkpoint.size), root \(checkpoint.root)"),
                 ("Log leaves", certificate.evidence.entries.map { "#\($0.leafIndex)" }.joined(separator: ", ")),
                 ("Signing key", certificate.keyId)]
        let body = rows.map { "<tr><th>\(escape($0.0))</th><td>\(escape($0.1))</td></tr>" }.joined(separator: "\n")
        return """
            <!doctype html>
            <html lang="ko"><head><meta charset="utf-8"><title>\(escape(titles[certificate.kind] ?? ""))</title>
            <style>body{font-family:sans-serif;max-width:50em;margin:2em auto}th{text-align:left;padding-right:1em;vertical-align:top}
            td{word-break:break-all}</style></head>
            <body><h1>\(escape(titles[certificate.kind] ?? ""))</h1>
            <table>
            \(body)
            </table>
            <p>Verify offline with the vault's public key: <code>songdal verify &lt;certificate.json&gt;</code>.</p>
            </body></html>
            """
    }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    /// The platform's one escaper (Formats).
    static func escape(_ text: String) -> String { HTMLEscape.text(text) }
}
