import Schema
/// The 26 accepted document kinds (VA-1), by file extension.
public enum DocumentKind: String, CaseIterable, Sendable, Codable {
    case hwp, hwpx, doc, docx, xls, xlsx, ppt, pptx, pdf, txt, rtf, xml, html, csv
    case jpg, png, gif, tif, bmp, mp3, wav, mp4, avi, zip, eml, msg

    /// The content family whose magic bytes a file of this kind must carry.
    public var family: ContentFamily {
        switch self {
        case .hwp, .doc, .xls, .ppt, .msg: .compoundFile
        case .hwpx, .docx, .xlsx, .pptx, .zip: .zip
        case .pdf: .pdf
        case .txt, .csv: .text
        case .rtf: .rtf
        case .xml: .xml
        case .html: .html
        case .eml: .email
        case .jpg: .jpeg
        case .png: .png
        case .gif: .gif
        case .tif: .tiff
        case .bmp: .bmp
        case .mp3: .mp3
        case .wav: .wav
        case .mp4: .mp4
        case .avi: .avi
        }
    }

    /// The kind named by `text` (`PDF`, `jpeg`, `.tiff` and `htm` accepted as spellings).
    public init?(named text: String) {
        var name = text.lowercased()
        if name.hasPrefix(".") { name.removeFirst() }
        switch name {
        case "jpeg": self = .jpg
        case "tiff": self = .tif
        case "htm": self = .html
        default:
            guard let kind = DocumentKind(rawValue: name) else { return nil }
            self = kind
        }
    }

    /// The kind of a file name's extension, if it has one of the 26.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.index(before: fileName.endIndex) else { return nil }
        self.init(named: String(fileName[fileName.index(after: dot)...]))
    }
}
