import AlongsideCore
import Vapor

/// The caseload's content, written in Swift (see `HTML`): it grows with the caseload, and Leaf's
/// interpreter was most of its cost. Same markup the template had: filters, then one table row a person.
struct CaseloadPage {
    let heading: String
    /// The rows of the page shown.
    let rows: [CaseloadController.Row]
    /// Everyone the filters chose, on every page.
    let total: Int
    let notSeenTotal: Int
    let pages: Pages
    let noContactDays: Int
    let stage: JourneyStage?
    /// New people not yet contacted, at the top of the first page.
    var waiting: WaitingList? = nil
    let sort: String
    /// A team leader's choice of coordinator; empty for a coordinator.
    let coordinators: [ChoiceOption]
    let onlyNotSeen: Bool
    let isOwn: Bool

    /// Which page of how many, and the address of each.
    struct Pages {
        let number: Int
        let count: Int
        let address: (Int) -> String
    }

    func html(_ wording: Wording) -> HTML {
        var lead: HTML = "\(wording("people.caseload.total", total))"
        if notSeenTotal > 0 {
            lead =
                "\(lead) · <strong class=\"tag tag-warning\">\(wording("people.caseload.not-seen-for-days-or-more", notSeenTotal, noContactDays))</strong>"
        }
        return """
            <h1>\(heading)</h1>
            <p class="lead">\(lead)</p>
            \(waiting?.html() ?? "")
            \(filters(wording))
            \(rows.isEmpty ? empty(wording) : table(wording))
            \(pager(wording))
            """
    }

    /// Links to the page before and after, when the caseload is longer than a page.
    func pager(_ wording: Wording) -> HTML {
        guard pages.count > 1 else { return "" }
        let previous: HTML =
            pages.number > 1
            ? "<a href=\"\(pages.address(pages.number - 1))\" rel=\"prev\">\(wording("people.caseload.previous-page"))</a>"
            : ""
        let next: HTML =
            pages.number < pages.count
            ? "<a href=\"\(pages.address(pages.number + 1))\" rel=\"next\">\(wording("people.caseload.next-page"))</a>"
            : ""
        return """
            <nav class="pager" aria-label="\(wording("people.caseload.pages"))">
              \(previous)
              <span aria-current="page">\(wording("people.caseload.page-of", pages.number, pages.count))</span>
              \(next)
            </nav>
            """
    }

    func filters(_ wording: Wording) -> HTML {
        func select(_ id: String, _ label: String, _ options: [ChoiceOption]) -> HTML {
            let choices = options.map { option -> HTML in
                "<option value=\"\(option.value)\"\(if: option.selected, " selected")>\(option.label)</option>"
            }
            return
                "<div class=\"field\"><label for=\"\(id)\">\(label)</label><select id=\"\(id)\" name=\"\(id)\">\(choices)</select></div>"
        }
        let stages =
            [ChoiceOption(value: "", label: wording("people.page.all-active-stages"), selected: stage == nil)]
            + JourneyStage.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.label, selected: stage == $0) }
        let sorts = [
            ("name", wording("common.name")), ("last-contact", wording("people.page.longest-since-contact")),
            ("next-step", wording("people.page.next-step-due")),
        ].map { ChoiceOption(value: $0.0, label: $0.1, selected: sort == $0.0) }
        let coordinator: HTML =
            coordinators.isEmpty
            ? ""
            : select("coordinator", wording("common.coordinator"), coordinators)
        return """
            <form method="get" action="\(SitePath.caseload.path)" class="filters">
              \(coordinator)
              \(select("stage", wording("common.stage"), stages))
              \(select("sort", wording("people.caseload.sort-by"), sorts))
              <div class="field checkbox"><input id="not-seen" name="not-seen" type="checkbox" value="yes"\(if: onlyNotSeen, " checked")><label for="not-seen">\(wording("people.caseload.only-people-not-seen-lately"))</label></div>
              <button type="submit" class="button button-secondary">\(wording("common.show"))</button>
            </form>
            """
    }

    func table(_ wording: Wording) -> HTML {
        // Said once, not once a row.
        let stage = wording("common.stage")
        let ward = wording("common.ward")
        let lastContact = wording("common.last-contact")
        let due = wording("people.caseload.next-step-due")
        let notSeen: HTML =
            " <strong class=\"tag tag-warning\">\(wording("people.caseload.not-seen-lately"))</strong>"
        let levelOne: HTML = " \(wording("people.caseload.level-1"))"
        let none = wording("people.caseload.none")
        let body = rows.map { row -> HTML in
            let next: HTML =
                if let day = row.nextStepDue {
                    row.overdue
                        ? "<strong class=\"overdue\">\(wording("people.caseload.overdue", day))</strong>" : "\(day)"
                } else {
                    "\(none)"
                }
            return """
                    <tr\(if: row.notSeen, " class=\"row-uncovered\"")>
                      <th scope="row"><a href="\(row.href)">\(row.name)</a>\(if: row.notSeen, notSeen)</th>
                      <td data-label="\(stage)">\(row.stage)\(if: row.levelOne, levelOne)</td>
                      <td data-label="\(ward)">\(row.ward)</td>
                      <td data-label="\(lastContact)">\(row.lastContact)</td>
                      <td data-label="\(due)">\(next)</td>
                    </tr>

                """
        }
        return """
            <table class="table caseload">
              <caption class="visually-hidden">\(heading)</caption>
              <thead><tr><th scope="col">\(wording("common.name"))</th><th scope="col">\(stage)</th><th scope="col">\(ward)</th><th scope="col">\(lastContact)</th><th scope="col">\(due)</th></tr></thead>
              <tbody>
            \(body)  </tbody>
            </table>
            """
    }

    func empty(_ wording: Wording) -> HTML {
        let notSeen: HTML = onlyNotSeen ? "\(wording("people.caseload.nobody-not-seen-lately")) " : ""
        let whose = isOwn ? wording("people.caseload.empty-own") : wording("people.caseload.empty-other")
        return "<p>\(notSeen)\(whose)</p>"
    }
}
