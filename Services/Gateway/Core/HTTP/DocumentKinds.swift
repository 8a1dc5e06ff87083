import Foundation

/// Media types of the vault's 26 kinds, and which of them a browser shows inline.
enum DocumentKinds {
    static func contentType(_ kind: String) -> String {
        switch kind.lowercased() {
        case "pdf": "application/pdf"
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "gif": "image/gif"
        case "bmp": "image/bmp"
        case "tif", "tiff": "image/tiff"
        case "txt": "text/plain; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "xml": "application/xml"
        case "mp3": "audio/mpeg"
        case "wav": "audio/wav"
        case "mp4": "video/mp4"
        case "zip": "application/zip"
        default: "application/octet-stream"
        }
    }

    /// Shown inline on the recipient page (everything else is offered as a download).
    static func isInlinePDF(_ kind: String) -> Bool { kind.lowercased() == "pdf" }
    static func isInlineImage(_ kind: String) -> Bool { ["jpg", "jpeg", "png", "gif", "bmp"].contains(kind.lowercased()) }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_")

    /// `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987).
    static func disposition(_ type: String, fileName: String) -> String {
        let ascii = String(fileName.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ascii
        return "\(type); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
