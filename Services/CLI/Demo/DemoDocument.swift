import Foundation

/// The demo's document: a one-page PDF made on the fly (no file needed), and the subscriber
/// row that makes the demo person reachable.
enum DemoDocument {
    /// A minimal valid one-page PDF saying what it is.
    static func pdf(title: String) -> Data {
        let text = "(Songdal demo notice: \(title)) Tj"
        let stream = "BT /F1 18 Tf 72 720 Td \(text) ET"
        var objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var body = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(body.utf8.count)
            body += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = body.utf8.count
        body += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { body += String(format: "%010d 00000 n \n", offset) }
        body += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        objects.removeAll()
        return Data(body.utf8)
    }

    /// A carrier sync row (the identity CSV) for one active personal KT line.
    static func subscriberRow(ci: String, phone: String) -> String {
        "\(ci),KT,\(phone),personal,,active,2026-11-20T09:00:00+09:00"
    }

    static let subscriberHeader = "ci,carrier,phone,lineKind,mvnoHost,status,updatedAt"
}
