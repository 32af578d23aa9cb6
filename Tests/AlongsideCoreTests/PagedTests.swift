import Testing

@testable import AlongsideCore

/// Pages of a list: the items each page shows and how many pages there are.
@Suite struct PagedTests {
    @Test func aListIsCutIntoPagesOfTheSameSize() {
        let items = Array(1...55)
        #expect(Array(items.page(1, per: 50)) == Array(1...50))
        #expect(Array(items.page(2, per: 50)) == Array(51...55))
        #expect(items.page(3, per: 50).isEmpty)
        #expect(Array(items[10...].page(2, per: 5)) == Array(16...20))
        #expect(Paged<Int>.Metadata(page: 2, per: 50, total: 55).pageCount == 2)
        #expect(Paged<Int>.Metadata(page: 1, per: 50, total: 0).pageCount == 0)
    }
}
