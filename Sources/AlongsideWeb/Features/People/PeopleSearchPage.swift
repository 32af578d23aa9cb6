import AlongsideCore
import Vapor

/// Finding a person: the search form and what it found, written in Swift (see `HTML`) because the results
/// grow with the council.
struct PeopleSearchPage {
    struct Row {
        let name: String
        let href: String
        let stage: String
        let postcode: String
        let coordinator: String
    }

    let query: String
    let searched: Bool
    let rows: [Row]

    func html(_ wording: Wording) -> HTML {
        let found: HTML = searched ? "<h2>\(wording("people.search.found", rows.count))</h2>\n" : ""
        return """
            <h1>\(wording("people.search.find-a-person"))</h1>
            <form method="get" action="\(SitePath.searchPeople.path)" role="search" class="search-form">
              <div class="field">
                <label for="q">\(wording("people.search.name-postcode-phone-number-or-email"))</label>
                <input id="q" name="q" type="search" value="\(query)" maxlength="100" autocomplete="off">
              </div>
              <button type="submit" class="button">\(wording("common.search"))</button>
            </form>
            \(found)\(rows.isEmpty ? "" : table(wording))
            <p class="hint">\(wording("people.search.searches-are-recorded-in-the-audit"))</p>
            """
    }

    func table(_ wording: Wording) -> HTML {
        // Said once, not once a row.
        let stage = wording("common.stage")
        let postcode = wording("common.postcode")
        let coordinator = wording("common.coordinator")
        let body = rows.map { row -> HTML in
            "<tr><th scope=\"row\"><a href=\"\(row.href)\">\(row.name)</a></th><td data-label=\"\(stage)\">\(row.stage)</td><td data-label=\"\(postcode)\">\(row.postcode)</td><td data-label=\"\(coordinator)\">\(row.coordinator)</td></tr>"
        }
        return """
            <table class="table">
              <caption class="visually-hidden">\(wording("people.search.people-found"))</caption>
              <thead><tr><th scope="col">\(wording("common.name"))</th><th scope="col">\(stage)</th><th scope="col">\(postcode)</th><th scope="col">\(coordinator)</th></tr></thead>
              <tbody>
                \(body)
              </tbody>
            </table>

            """
    }
}
