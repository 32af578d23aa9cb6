import Fluent
import FluentKit

/// Every migration, in order. The same list runs on SQLite and PostgreSQL.
public enum AlongsideMigrations {
    public static var all: [any Migration] {
        [
            CreateCouncil(),
            CreateStaff(),
            CreateWard(),
            CreateWardAssignment(),
            CreatePostcode(),
            CreateAPIToken(),
            CreateSignInAttempt(),
            AddIndexes(),
            SessionRecord.migration,
            CreatePerson(),
            CreateIntroduction(),
            CreateJourneyEvent(),
            CreateConversation(),
            CreateGoodLife(),
            CreateStep(),
            CreatePersonInLife(),
            CreateAuditEntry(),
            UpdateCouncilAddNoContactDays(),
            AddPeopleIndexes(),
            CreatePublicSubmission(),
            CreateMeasure(),
            CreateOutcome(),
            CreateSROITables(),
            CreateProgramme(),
            CreateStory(),
            UpdatePostcodeAddPlace(),
            CreateDirectory(),
            CreateConnection(),
            CreateGoodNeighbours(),
            CreateCommunityWork(),
            AddPeoplesRights(),
            AddTwoStepSignIn(),
            AddSessionControl(),
            CreateNetwork(),
            AddCouncilIndexes(),
            AddLanguages(),
            AddMeasureScores(),
            AddPeopleNameIndex(),
            AddPeriodIndexes(),
            ScopeDirectorySearch(),
            AddMeasurePairingIndex(),
            WidenPeopleIndexes(),
            UpdateSignInAttemptAddKind(),
            CreateMerge(),
            AddCorrections(),
            UpdateProgrammeMemberAddLeftOn(),
            UpdateProgrammeAddVersion(),
            UpdateStoryAddReview(),
            UpdateAuditEntryAllowRedaction(),
            RepairEarlierMerges(),
            UpdateGoodLifeAddVersion(),
            UpdateVolunteerAddVersion(),
            CreateOutbox(),
            UpdateStaffAddNotices(),
            CreateStaffLinks(),
            CreateJobs(),
            CreateDirectoryFeeds(),
            UpdateSROIAddPriceYears(),
            // 024: the public pages on a phone, in English or Welsh (issue 27).
            UpdateCouncilAddPublicContact(),
            AddPlainDirectorySearch(),
            // 025: queue reasons and route notes kept as codes, worded when shown (issue 27).
            StoreRouteCodes(),
            // 026: the figures of the standard periods kept as records are written (issue 28).
            CreateFigureSummaries(),
            // 027: the team's hours in Welsh (issue 27).
            UpdateCouncilAddWelshHours(),
            // 028: keys and foreign keys between council-owned tables include the council (issue 28).
            KeyTablesByCouncil(),
            // 029: the audit log stores codes and their values, worded when read (issue 23).
            UpdateAuditEntryAddDetailCode(),
            // 030: erasure keeps no words and no name; the audit log's searches keep whom they sought in
            // `reason`, where erasure reaches it (issue 23).
            EraseWithoutWords(),
        ]
    }
}
