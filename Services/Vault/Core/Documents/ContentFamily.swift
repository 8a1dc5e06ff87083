import Schema
/// A container format recognisable by its first bytes. Several kinds share one family
/// (hwp/doc/xls/ppt/msg are OLE2 compound files; docx/xlsx/pptx/hwpx are ZIP packages): the
/// magic bytes prove the family, the declared kind picks the member.
public enum ContentFamily: String, Sendable, CaseIterable {
    case compoundFile = "OLE2 compound file"
    case zip = "ZIP"
    case pdf = "PDF"
    case rtf = "RTF"
    case xml = "XML"
    case html = "HTML"
    case email = "e-mail message"
    case jpeg = "JPEG"
    case png = "PNG"
    case gif = "GIF"
    case tiff = "TIFF"
    case bmp = "BMP"
    case mp3 = "MP3"
    case wav = "WAV"
    case mp4 = "MP4"
    case avi = "AVI"
    case text = "plain text"

    /// Order matters: binary signatures first, then markup, and plain text last (it is the
    /// fallback for anything printable).
    static let detectionOrder: [ContentFamily] = [
        .compoundFile, .zip, .pdf, .rtf, .jpeg, .png, .gif, .tiff, .bmp, .wav, .avi, .mp4, .mp3,
        .xml, .html, .email, .text,
    ]

    /// Families recognised by a fixed signature rather than by text heuristics.
    static let signed: [ContentFamily] = [
        .compoundFile, .zip, .pdf, .rtf, .jpeg, .png, .gif, .tiff, .bmp, .wav, .avi, .mp4, .mp3,
    ]

    /// The family `head` (the first bytes of a file) belongs to, or nil.
    public static func detect(_ head: [UInt8]) -> ContentFamily? {
        detectionOrder.first { $0.matches(head) }
    }

    /// Whether `head` carries this family's signature.
    public func matches(_ head: [UInt8]) -> Bool {
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + bytes.count && Array(head[offset..<offset + bytes.count]) == bytes
        }
        func ascii(_ text: String, at offset: Int = 0) -> Bool { starts(Array(text.utf8), at: offset) }
        switch self {
        case .compoundFile: return starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        case .zip: return starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06])
        case .pdf: return ascii("%PDF-")
        case .rtf: return ascii("{\\rtf")
        case .jpeg: return starts([0xFF, 0xD8, 0xFF])
        case .png: return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case .gif: return ascii("GIF87a") || ascii("GIF89a")
        case .tiff: return starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A])
        case .bmp: return ascii("BM") && head.count >= 26
        case .wav: return ascii("RIFF") && ascii("WAVE", at: 8)
        case .avi: return ascii("RIFF") && ascii("AVI ", at: 8)
        case .mp4: return ascii("ftyp", at: 4)
        case .mp3: return ascii("ID3") || (head.count >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0)
        case .xml: return TextSniffer.leadingText(head).hasPrefix("<?xml")
        case .html:
            let text = TextSniffer.leadingText(head).lowercased()
            return text.hasPrefix("<!doctype html") || text.hasPrefix("<html") || text.contains("<html")
        case .email: return TextSniffer.isTextual(head) && TextSniffer.looksLikeMailHeader(head)
        case .text:
            // Printable, and not a format with its own signature (a PDF header is printable too).
            return TextSniffer.isTextual(head) && !Self.signed.contains { $0.matches(head) }
        }
    }
}
