export const USAGE = `kb — find the knowledge-base article that fixes an error

Usage:
  kb index [--kb DIR]... [--db FILE] [--allow-empty]
                                        index KB folders (default kb/) into the database; a missing
                                        folder, or a run that would remove every article, changes
                                        nothing unless --allow-empty
  kb ask [--db FILE] [--json] [--limit N] [TEXT]
                                        answer TEXT, or standard input when TEXT is absent
  kb ask --jsonl [--db FILE]            one {"id","text"} JSON object a line in, one answer a line out
  kb scan FILE [--db FILE] [--json]     find every known problem in a whole log file
  kb show ID [--db FILE] [--json]       print one article
  kb stats [--db FILE] [--json]         what the index holds
  kb eval --kb DIR --queries FILE.jsonl [--twins FILE] [--json] [--misses]
                                        measure the bot on your own KB and labelled questions,
                                        beside plain full-text search (a temporary index)
  kb help                               this text

The database defaults to data/kb.sqlite, or KB_DB in the environment.
Example:
  npx kb index
  npx kb ask "JwtInvalidClaimException: Expecting claim 'qsh' to have value"
  tail -n 200 atlassian-confluence.log | npx kb ask`;
