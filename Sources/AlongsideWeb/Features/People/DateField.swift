import AlongsideCore
import Foundation

/// A date question in the GOV.UK pattern: a fieldset whose legend asks the question, a hint, and three boxes
/// (day, month, year) a phone types with its number keyboard. Written in Swift (escaped by construction) so
/// every date on a person's record is asked the same way; a page puts it in with `#markup(…)`.
///
/// The boxes are named `name-day`, `name-month` and `name-year`; `Request.typedDay(name)` reads them back (or
/// the single `name` field older forms send). When the form was refused, `typed` holds what was in each box
/// and `error` what was wrong; the box that is wrong is marked, and the error summary links to it.
struct DateField {
    /// The id the boxes' ids start with (unique on the page): `id-day`, `id-month`, `id-year`.
    let id: String
    let name: String
    let legend: String
    var optional = false
    var typed: DayInput
    var error: String? = nil
    /// The box the error is about (`day`, `month`, `year`); `DayInput.wholeDate` or nil marks all three.
    var errorPart: String? = nil

    /// A field showing `iso` (yyyy-MM-dd) as saved, or what was typed when its form was refused.
    init(
        id: String, name: String, legend: String, optional: Bool = false, iso: String?, posted: [String: String]?,
        errors: [FormError]
    ) {
        self.id = id
        self.name = name
        self.legend = legend
        self.optional = optional
        if let posted, let typed = DayInput.posted(posted, as: name) {
            self.typed = typed
        } else if let posted, let single = posted[name] {
            self.typed = DayInput(single: single)
        } else {
            self.typed = iso.map(DayInput.init(iso:)) ?? DayInput(day: "", month: "", year: "")
        }
        if posted != nil, let problem = errors.first(where: { $0.field == name }) {
            self.error = problem.message
            self.errorPart = problem.part
        }
    }

    var markup: HTML {
        let wording = Wording.current
        let hintID = "\(id)-hint"
        let errorID = "\(id)-error"
        let optionalText: HTML = optional ? " <span class=\"optional\">\(wording("common.optional"))</span>" : ""
        let errorText: HTML =
            error.map {
                "<p class=\"error-message\" id=\"\(errorID)\"><span class=\"visually-hidden\">\(wording("common.error"))</span> \($0)</p>"
            } ?? ""
        let boxes: [HTML] = [
            ("day", wording("people.date.day"), typed.day, "input-day"),
            ("month", wording("people.date.month"), typed.month, "input-day"),
            ("year", wording("people.date.year"), typed.year, "input-year"),
        ].map { part, label, value, width in
            let wrong = error != nil && (errorPart == nil || errorPart == part || errorPart == DayInput.wholeDate)
            return """
                <div class="date-input-item"><label for="\(id)-\(part)">\(label)</label><input id="\(id)-\(part)" name="\(name)-\(part)" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" class="\(width)\(if: wrong, " input-error")" value="\(value)"\(if: wrong, " aria-invalid=\"true\"")></div>
                """
        }
        let describedBy = error == nil ? hintID : "\(hintID) \(errorID)"
        return """
            <div class="field\(if: error != nil, " field-error")"><fieldset class="date-input" role="group" aria-describedby="\(describedBy)"><legend>\(legend)\(optionalText)</legend><p class="hint" id="\(hintID)">\(wording("people.date.hint"))</p>\(errorText)<div class="date-input-boxes">\(boxes)</div></fieldset></div>
            """
    }
}
