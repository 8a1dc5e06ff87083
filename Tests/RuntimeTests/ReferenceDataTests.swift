import Foundation
import Testing
@testable import Runtime

/// The copies of data/*.json compiled into the binaries (EmbeddedReferenceData.swift, written by
/// scripts/embed-reference-data.sh) must be the files, byte for byte: a changed file that was
/// not embedded again fails here.
@Suite struct ReferenceDataTests {
    @Test(arguments: ["holidays-kr.json", "price-book.json"])
    func embeddedCopyEqualsTheRepositoryFile(name: String) throws {
        // The repository's data folder, found from this source file, not from the working folder.
        let file = try Data(contentsOf: repositoryFile("data/\(name)"))
        let embedded = try #require(ReferenceData.embeddedText(name))
        #expect(Data(embedded.utf8) == file, "run scripts/embed-reference-data.sh (make embed) and commit")
        #expect(try ReferenceData.data(of: .embedded(name)) == file)
    }

    @Test func anExplicitFileIsNeverReplaced() {
        let typo = URL(fileURLWithPath: "/nonexistent/price-boko.json")
        #expect(ReferenceData.source(of: "price-book.json", explicit: typo, isReadable: { _ in true }) == .file(typo))
        #expect(throws: (any Error).self) { try ReferenceData.data(of: .file(typo)) }
    }

    @Test func withNothingInstalledTheEmbeddedCopyIsUsed() {
        let executable = URL(fileURLWithPath: "/srv/app/bin/songdal-billing")
        #expect(ReferenceData.source(of: "price-book.json", explicit: nil, executable: executable, isReadable: { _ in false })
            == .embedded("price-book.json"))
        #expect(ReferenceData.source(of: "price-book.json", explicit: nil, executable: executable,
                                     isReadable: { $0.path.hasPrefix("/srv/") })
            == .file(URL(fileURLWithPath: "/srv/app/share/songdal/price-book.json")))
        #expect(ReferenceData.embeddedText("unknown.json") == nil)
        #expect(throws: (any Error).self) { try ReferenceData.data(of: .embedded("unknown.json")) }
    }
}
