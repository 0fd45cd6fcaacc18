//! Tests of archive names, retention and recipient files.

use super::*;

#[test]
fn only_sealbook_archive_names_are_recognised() {
    assert!(is_archive_name("sealbook-20261122T193000Z.age"));
    assert!(is_archive_name("sealbook-20261122T193000Z-2.age"));
    let named = ArchiveName::parse("sealbook-3fa9c01b-20261122T193000Z-2.age");
    assert_eq!(
        named,
        Some(ArchiveName {
            vault: Some("3fa9c01b".into()),
            stamp: "20261122T193000Z".into(),
            counter: 2
        })
    );
    assert_eq!(
        ArchiveName::parse("sealbook-20261122T193000Z.age").map(|a| a.vault),
        Some(None)
    );
    assert!(!is_archive_name(
        "sealbook-3fa9c01b-20261122T193000Z-2-3.age"
    ));
    assert!(!is_archive_name("sealbook-3FA9C01B-20261122T193000Z.age"));
    for other in [
        "sealbook-20261122T193000Z.age.partial-0000",
        ".sealbook-20261122T193000Z.age.partial-1234abcd",
        "sealbook-latest.age",
        "sealbook-20261122T193000Z-.age",
        "notes.age",
        "sealbook-20261122-193000.age",
    ] {
        assert!(!is_archive_name(other), "{other}");
    }
}

#[test]
fn archive_names_sort_by_time_then_counter() {
    let mut names = vec![
        "sealbook-20261122T193000Z-10.age",
        "sealbook-20261122T193000Z-2.age",
        "sealbook-20261121T235959Z.age",
        "sealbook-20261122T193000Z.age",
    ];
    names.sort_by_key(|n| ArchiveName::parse(n).map(|a| (a.stamp, a.counter)));
    assert_eq!(
        names,
        [
            "sealbook-20261121T235959Z.age",
            "sealbook-20261122T193000Z.age",
            "sealbook-20261122T193000Z-2.age",
            "sealbook-20261122T193000Z-10.age",
        ]
    );
}

fn at(text: &str) -> OffsetDateTime {
    ArchiveName::parse(&format!("sealbook-{text}.age"))
        .and_then(|a| a.time())
        // A name that does not parse sorts as the oldest, and fails the assertions.
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

#[test]
fn retention_keeps_the_newest_of_each_period() {
    // Newest first: two a day for four days of two ISO weeks and two months.
    let times: Vec<OffsetDateTime> = [
        "20261202T200000Z",
        "20261202T020000Z",
        "20261201T020000Z",
        "20261130T200000Z",
        "20261130T020000Z",
        "20261129T020000Z",
    ]
    .iter()
    .map(|t| at(t))
    .collect();
    let daily = Retention {
        daily: Some(2),
        ..Retention::default()
    };
    assert_eq!(daily.keep(&times), [true, false, true, false, false, false]);
    // 2026-11-30 is a Monday: the 29th ends the week before.
    let weekly = Retention {
        weekly: Some(5),
        ..Retention::default()
    };
    assert_eq!(
        weekly.keep(&times),
        [true, false, false, false, false, true]
    );
    let monthly = Retention {
        monthly: Some(1),
        last: Some(1),
        ..Retention::default()
    };
    assert_eq!(
        monthly.keep(&times),
        [true, false, false, false, false, false]
    );
    let both = Retention {
        monthly: Some(2),
        ..Retention::default()
    };
    assert_eq!(both.keep(&times), [true, false, false, true, false, false]);
}

#[test]
fn recipients_file_errors_name_the_line() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("recipients");
    let key = age::x25519::Identity::generate().to_public().to_string();
    fs::write(&path, format!("# office NAS\n{key}\n\nnot-a-key\n"))?;
    match recipients_from_file(&path) {
        Err(Error::Recipients { line, .. }) => assert_eq!(line, 4),
        other => panic!("expected a line error, got {:?}", other.err()),
    }
    fs::write(&path, format!("# office NAS\n{key}\n"))?;
    assert_eq!(recipients_from_file(&path).map(|r| r.len()).ok(), Some(1));
    Ok(())
}
