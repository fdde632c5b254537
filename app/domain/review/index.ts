/** The weekly exception review: causes, ISO weeks, groups and the digest's words. */
export * from "./causes";
export * from "./week";
export * from "./group";
export * from "./digest";
export * from "./note-form";
