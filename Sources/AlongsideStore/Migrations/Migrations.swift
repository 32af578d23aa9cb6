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
        ]
    }
}
