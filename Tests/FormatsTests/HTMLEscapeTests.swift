import Formats
import Testing

/// The one HTML escaper (issue 18), used by the gateway's pages, billing's invoice page and the
/// vault's certificate page.
@Suite struct HTMLEscapeTests {
    @Test func theFiveCharactersBecomeEntities() {
        #expect(HTMLEscape.text("<script>alert('x')</script>&\"") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;")
        #expect(HTMLEscape.text("재산세 고지 — ok") == "재산세 고지 — ok")
        #expect(HTMLEscape.text("") == "")
    }

    /// A quote followed by a combining mark is one `Character` but still a quote to a browser.
    @Test func combiningMarksDoNotHideAQuote() {
        #expect(HTMLEscape.text("\"\u{301}<\u{301}") == "&quot;\u{301}&lt;\u{301}")
    }
}
