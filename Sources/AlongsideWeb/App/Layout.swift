import AlongsideCore
import Leaf
import Vapor

/// The site's one layout: the head, header, navigation and footer around every page's content. Written in
/// Swift (see `HTML`) so the pages written in Swift never touch Leaf's interpreter; Leaf templates reach the
/// same markup through `base.leaf`, whose `#layoutHead(page)` and `#layoutFoot()` tags call it.
enum Layout {
    /// Everything before the page's content, up to and including `<main>`.
    static func head(_ page: PageContext, _ wording: Wording) -> HTML {
        let languages: HTML =
            page.otherLanguages.isEmpty
            ? ""
            : """
            <ul class="language-switch" aria-label="\(wording("site.base.language"))">
                  \(page.otherLanguages.map { other -> HTML in "<li><a href=\"\(other.href)\" hreflang=\"\(other.lang)\" lang=\"\(other.lang)\">\(other.label)</a></li>" })
                </ul>
            """
        var who: HTML = ""
        var navigation: HTML = ""
        if let staff = page.staff {
            who =
                "<p class=\"who\">\(staff.name) · \(staff.roleTitle) · \(staff.councilName) · <a href=\"\(SitePath.account.path)\">\(wording("common.your-account"))</a></p>"
            let items = page.nav.map { item -> HTML in
                "<li><a href=\"\(item.href)\"\(if: item.current, " aria-current=\"page\"")>\(item.label)</a></li>\n        "
            }
            // One list, in a menu that folds to one row on a phone (a <details>, so it needs no script); on a
            // wide screen the stylesheet hides the menu button and always shows the list.
            let current = page.nav.first(where: \.current).map { item -> HTML in
                "<span class=\"site-menu-current\" aria-hidden=\"true\">\(item.label)</span>"
            }
            navigation = """
                <nav class="site-nav" aria-label="\(wording("site.base.main"))">
                      <details class="site-menu">
                      <summary><span class="site-menu-button">\(wording("site.nav.menu"))</span>\(current ?? "")</summary>
                      <ul>
                        \(items)<li>
                          <form method="post" action="\(page.signOutPath)" class="inline">
                            <input type="hidden" name="csrf" value="\(page.csrf ?? "")">
                            <button type="submit" class="link-button">\(wording("site.base.sign-out"))</button>
                          </form>
                        </li>
                      </ul>
                      </details>
                    </nav>
                """
        }
        return """
            <!DOCTYPE html>
            <html lang="\(page.lang)">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>\(wording("site.base.alongside", page.title))</title>
              <link rel="stylesheet" href="\(SitePath.stylesheet)">
            </head>
            <body>
              <a class="skip-link" href="#main">\(wording("site.base.skip-to-main-content"))</a>
              <header class="site-header">
                <div class="width">
                  <a class="brand" href="\(SitePath.home.path)">\(wording("site.base.alongside-2"))</a>
                  \(languages)
                  \(who)
                </div>
                \(navigation)
              </header>
              <main id="main" class="width" tabindex="-1">

            """
    }

    /// Everything after the page's content, from `</main>`.
    static func foot(_ wording: Wording) -> HTML {
        """

          </main>
          <footer class="site-footer">
            <div class="width">
              <p>\(wording("site.base.alongside-supports-local-area-coordination-walking"))</p>
              <p>\(wording("site.base.records-here-are-confidential-every-view"))</p>
            </div>
          </footer>
        </body>
        </html>

        """
    }
}

extension Request {
    /// A page whose content is written in Swift, inside the site's layout: no template is interpreted.
    func page(_ page: PageContext, content: HTML) -> View {
        let wording = Wording.current
        let markup: HTML = "\(Layout.head(page, wording))\(content)\(Layout.foot(wording))"
        return View(data: ByteBuffer(string: markup.markup))
    }
}

/// `#layoutHead(page)` in `base.leaf`: `Layout.head` for a page rendered by Leaf, from the same
/// `PageContext` the template was given.
struct LayoutHeadTag: UnsafeUnescapedLeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let fields = ctx.parameters.first?.dictionary, let page = PageContext(leaf: fields) else {
            throw Abort(.internalServerError, reason: "#layoutHead needs the page's PageContext")
        }
        return .string(Layout.head(page, ctx.request?.wording ?? Wording.current).markup)
    }
}

/// `#layoutFoot()` in `base.leaf`: `Layout.foot`.
struct LayoutFootTag: UnsafeUnescapedLeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        .string(Layout.foot(ctx.request?.wording ?? Wording.current).markup)
    }
}

extension PageContext {
    /// The context back from the `LeafData` a template holds (it was encoded from a `PageContext`).
    init?(leaf fields: [String: LeafData]) {
        guard let title = fields["title"]?.string, let lang = fields["lang"]?.string else { return nil }
        let staff = fields["staff"]?.dictionary.flatMap { staff -> Staff? in
            guard let name = staff["name"]?.string, let role = staff["roleTitle"]?.string,
                let council = staff["councilName"]?.string
            else { return nil }
            return Staff(name: name, roleTitle: role, councilName: council)
        }
        self.init(
            title: title, lang: lang,
            otherLanguages: (fields["otherLanguages"]?.array ?? []).compactMap {
                guard let link = $0.dictionary, let href = link["href"]?.string, let label = link["label"]?.string,
                    let lang = link["lang"]?.string
                else { return nil }
                return LanguageLink(href: href, label: label, lang: lang)
            },
            csrf: fields["csrf"]?.string, staff: staff,
            nav: (fields["nav"]?.array ?? []).compactMap {
                guard let item = $0.dictionary, let href = item["href"]?.string, let label = item["label"]?.string
                else { return nil }
                return NavItem(href: href, label: label, current: item["current"]?.bool ?? false)
            },
            signOutPath: fields["signOutPath"]?.string ?? SitePath.signOut.path,
            signInPath: fields["signInPath"]?.string ?? SitePath.signIn.path)
    }
}
