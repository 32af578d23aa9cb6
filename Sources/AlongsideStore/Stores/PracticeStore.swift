import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// An item of the practice library, with the name of the council that shared it.
public struct PublishedPractice: Sendable {
    public let item: PracticeItem
    public let councilName: String
}

/// The Network's practice library. Every council reads all of it; a council publishes and withdraws only
/// its own items. Items never carry a person: a story is copied in as words, and its link back to the
/// council's story stays inside that council (to withdraw it if the person withdraws consent).
public struct PracticeStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Every item, newest first, optionally of one kind or theme.
    public func items(kind: PracticeItem.Kind? = nil, theme: PracticeItem.Theme? = nil) async throws
        -> [PublishedPractice]
    {
        let query = PracticeItemRow.select(on: try database.sql)
        if let kind { query.where("kind", .equal, kind.rawValue) }
        let rows = try await query.orderBy("published_at", .descending).all().map(PracticeItemRow.item)
            .filter { theme == nil || $0.themes.contains(theme!) }
        let names = try await councilNames()
        return rows.map { PublishedPractice(item: $0, councilName: names[$0.councilID] ?? "A member council") }
    }

    public func find(_ id: PracticeItem.ID) async throws -> PublishedPractice {
        guard let row = try await PracticeItemRow.select(on: try database.sql).where("id", .equal, id.uuid).first()
        else { throw AlongsideError.notFound(.practiceItem) }
        let item = try PracticeItemRow.item(row)
        return PublishedPractice(
            item: item, councilName: try await councilNames()[item.councilID] ?? "A member council")
    }

    func councilNames() async throws -> [Council.ID: String] {
        Dictionary(uniqueKeysWithValues: try await CouncilStore(database).all().map { ($0.id, $0.name) })
    }

    /// Shares an idea or an event for `councilID`. Refuses (changing nothing) anything with contact details.
    @discardableResult
    public func publish(
        councilID: Council.ID, kind: PracticeItem.Kind, title: String, body: String, themes: [PracticeItem.Theme],
        eventOn: String?, eventPlace: String?, by staffID: StaffMember.ID, at now: Date
    ) async throws -> PracticeItem.ID {
        let problems = PracticeItem.problems(
            kind: kind, title: title, body: body, themes: themes, eventOn: eventOn, eventPlace: eventPlace)
        if !problems.isEmpty { throw AlongsideValidation(problems: problems) }
        let row = PracticeItemModel()
        row.councilID = councilID.uuid
        row.kind = kind.rawValue
        row.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        row.body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        row.themes = themes.map(\.rawValue).joined(separator: ",")
        row.eventOn = kind == .event ? eventOn : nil
        row.eventPlace = kind == .event ? eventPlace?.trimmingCharacters(in: .whitespaces) : nil
        row.publishedByID = staffID.uuid
        row.publishedAt = now
        try await row.create(on: database)
        return .init(try row.requireID())
    }

    /// Shares one of the council's approved stories: its title and words only, checked again for the
    /// person's names and for contact details. A story is shared once.
    @discardableResult
    public func publish(
        story id: Story.ID, councilID: Council.ID, themes: [PracticeItem.Theme], by staffID: StaffMember.ID,
        at now: Date
    ) async throws -> PracticeItem.ID {
        guard
            let found = try await StoryRow.select(council: councilID.uuid, on: database.sql)
                .where("id", .equal, id.uuid).first()
        else { throw AlongsideError.notFound(.story) }
        let stored = try StoryRow.stored(found)
        let story = stored.story
        guard stored.status == Story.Status.approved.rawValue else {
            throw PracticeProblem.onlyApprovedStories
        }
        if try await database.sql.select().column("id").from(PracticeItemRow.table)
            .where("source_story_id", .equal, id.uuid).first() != nil
        {
            throw PracticeProblem.storyAlreadyShared
        }
        let people = PeopleStore(database, councilID: councilID)
        guard try await StoryStore.activeConsent(to: story.personID, in: people) != nil else {
            throw PracticeProblem.noConsentToTell
        }
        let person = try await people.find(story.personID)
        var problems = Story.problems(title: story.title, body: story.body, consent: true, person: person)
        problems += PracticeItem.problems(
            kind: .story, title: story.title, body: story.body, themes: themes, eventOn: nil, eventPlace: nil)
        if !problems.isEmpty { throw AlongsideValidation(problems: problems) }
        let row = PracticeItemModel()
        row.councilID = councilID.uuid
        row.kind = PracticeItem.Kind.story.rawValue
        row.title = story.title
        row.body = story.body
        row.themes = themes.map(\.rawValue).joined(separator: ",")
        row.sourceStoryID = id.uuid
        row.publishedByID = staffID.uuid
        row.publishedAt = now
        try await row.create(on: database)
        return .init(try row.requireID())
    }

    /// The council's stories already in the library.
    public func sharedStories(councilID: Council.ID) async throws -> Set<Story.ID> {
        Set(
            try await database.sql.select().column("source_story_id").from(PracticeItemRow.table)
                .where("council_id", .equal, councilID.uuid).where("source_story_id", .isNot, SQLLiteral.null).all()
                .compactMap { try $0.decode(column: "source_story_id", as: UUID?.self).map { Story.ID($0) } })
    }

    /// Takes one of the council's own items out of the library.
    public func withdraw(_ id: PracticeItem.ID, councilID: Council.ID) async throws {
        guard
            let row = try await PracticeItemModel.query(on: database).filter(\.$councilID == councilID.uuid)
                .filter(\.$id == id.uuid).first()
        else { throw AlongsideError.notFound(.practiceItem) }
        try await row.delete(on: database)
    }

    /// Takes a person's stories out of the library, when they withdraw consent or their record is erased.
    static func withdrawStories(of personID: UUID, councilID: UUID, on database: any Database) async throws {
        let stories = try await database.sql.select().column("id").from(StoryRow.table)
            .where("council_id", .equal, councilID).where("person_id", .equal, personID).all()
            .map { try $0.decode(column: "id", as: UUID.self) }
        guard !stories.isEmpty else { return }
        try await PracticeItemModel.query(on: database).filter(\.$councilID == councilID)
            .filter(\.$sourceStoryID ~~ stories.map { Optional($0) }).delete()
    }
}
