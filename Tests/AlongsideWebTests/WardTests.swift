import AlongsideCore
import AlongsideStore
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Wards and coverage")
struct WardTests {
    @Test func theCoveragePageMakesUncoveredWardsStandOut() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let council = try await factory.council()
            let amara = try await factory.staff(council, .coordinator, name: "Amara Okafor")
            try await factory.ward(council, code: "E05000001", name: "Northfield", coordinator: amara)
            try await factory.ward(council, code: "E05000002", name: "Southmead")
            let leader = try await factory.staff(council, .teamLeader)
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let page = try await browser.get("/coverage").body.string
            #expect(page.contains("1 of 2 wards have a named coordinator"))
            #expect(page.contains("1 ward has no named coordinator"))
            #expect(page.contains("<li>Southmead (E05000002)</li>"))
            #expect(page.contains("Amara Okafor"))
            #expect(page.contains("class=\"row-uncovered\""))
        }
    }

    @Test func anAdminNamesACoordinatorAndTheHistoryIsKept() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let council = try await factory.council()
            let admin = try await factory.staff(council, .councilAdmin)
            let first = try await factory.staff(council, .coordinator, name: "First Coordinator")
            let second = try await factory.staff(council, .coordinator, name: "Second Coordinator")
            let ward = try await factory.ward(council, code: "E05000001", name: "Northfield")
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            try await browser.get("/wards/\(ward.id)")

            let one = try await browser.post(
                "/wards/\(ward.id)/coordinator", form: ["coordinator": first.id.description])
            #expect(one.status == .seeOther)
            clock.advance(40 * 24 * 60 * 60)
            try await browser.signIn(admin.email, password: testPassword)
            let two = try await browser.post(
                "/wards/\(ward.id)/coordinator", form: ["coordinator": second.id.description])
            #expect(two.status == .seeOther)

            let history = try await WardStore(app.db, councilID: council.id).history(of: ward.id)
            #expect(history.map(\.coordinatorName) == ["Second Coordinator", "First Coordinator"])
            try #require(history.count == 2)
            #expect(history[0].endedAt == nil)
            #expect(history[1].endedAt == history[0].startedAt)
            let page = try await browser.get(try #require(two.location)).body.string
            #expect(page.contains("Named coordinator updated"))
            #expect(page.contains("Named coordinator: <strong>Second Coordinator</strong>"))
            #expect(page.contains("First Coordinator"))

            let none = try await browser.post("/wards/\(ward.id)/coordinator", form: ["coordinator": "none"])
            #expect(none.status == .seeOther)
            let coverage = try await WardStore(app.db, councilID: council.id).coverage()
            #expect(coverage.uncovered.map(\.ward.name) == ["Northfield"])
        }
    }

    @Test func aCoordinatorMayCoverSeveralWards() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let council = try await factory.council()
            let amara = try await factory.staff(council, .coordinator, name: "Amara Okafor")
            try await factory.ward(council, code: "E05000001", name: "Northfield", coordinator: amara)
            try await factory.ward(council, code: "E05000002", name: "Southmead", coordinator: amara)
            let coverage = try await WardStore(app.db, councilID: council.id).coverage()
            #expect(coverage.uncovered.isEmpty)
            #expect(coverage.wardsByCoordinator.first?.wards.count == 2)
            let browser = Browser(app)
            try await browser.signIn(amara.email, password: testPassword)
            let home = try await browser.get("/").body.string
            #expect(home.contains("<strong>Northfield</strong> and <strong>Southmead</strong>"))
        }
    }

    @Test func onlyStaffOfTheSameCouncilWhoCoordinateCanBeNamed() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let council = try await factory.council()
            let other = try await factory.council("elsewhere", name: "Elsewhere Council")
            let admin = try await factory.staff(council, .councilAdmin)
            let outsider = try await factory.staff(other, .coordinator)
            let auditor = try await factory.staff(council, .auditor)
            let ward = try await factory.ward(council, code: "E05000001", name: "Northfield")
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            try await browser.get("/wards/\(ward.id)")
            let foreign = try await browser.post(
                "/wards/\(ward.id)/coordinator", form: ["coordinator": outsider.id.description])
            #expect(foreign.status == .unprocessableEntity)
            #expect(foreign.body.string.contains("Choose a coordinator from this council"))
            let notCoordinator = try await browser.post(
                "/wards/\(ward.id)/coordinator", form: ["coordinator": auditor.id.description])
            #expect(notCoordinator.status == .unprocessableEntity)
            #expect(try await WardStore(app.db, councilID: council.id).history(of: ward.id).isEmpty)
        }
    }

    @Test func anAdminAddsAndRenamesAWardWithClearErrors() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let council = try await factory.council()
            let admin = try await factory.staff(council, .councilAdmin)
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            try await browser.get("/wards/new")
            let bad = try await browser.post("/wards", form: ["code": "12345", "name": "Northfield"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("a letter and eight digits"))
            #expect(bad.body.string.contains("href=\"#code\""))
            let good = try await browser.post("/wards", form: ["code": "e05000009", "name": "Northfield"])
            #expect(good.status == .seeOther)
            let wards = try await WardStore(app.db, councilID: council.id).all()
            #expect(wards.map(\.code) == ["E05000009"])
            let duplicate = try await browser.post("/wards", form: ["code": "E05000009", "name": "Again"])
            #expect(duplicate.status == .unprocessableEntity)
            try await browser.get(try #require(good.location))
            let renamed = try await browser.post("/wards/\(wards[0].id)", form: ["name": "North Field"])
            #expect(renamed.status == .seeOther)
            #expect(try await WardStore(app.db, councilID: council.id).all().map(\.name) == ["North Field"])
        }
    }

    @Test func anAdminSetsTheNoContactThreshold() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let council = try await factory.council()
            let admin = try await factory.staff(council, .councilAdmin)
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            try await browser.get("/wards")
            let bad = try await browser.post("/settings/caseload", form: ["noContactDays": "3"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("from 7 to 365"))
            let good = try await browser.post("/settings/caseload", form: ["noContactDays": "21"])
            #expect(good.status == .seeOther)
            #expect(try await CouncilStore(app.db).find(council.id)?.noContactDays == 21)
        }
    }

    @Test func anAdminCannotOpenAnotherCouncilsWard() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let mine = try await factory.council()
            let theirs = try await factory.council("elsewhere", name: "Elsewhere Council")
            let admin = try await factory.staff(mine, .councilAdmin)
            let ward = try await factory.ward(theirs, code: "E05000001", name: "Their Ward")
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            let response = try await browser.get("/wards/\(ward.id)")
            #expect(response.status == .notFound)
            #expect(!response.body.string.contains("Their Ward"))
        }
    }
}
