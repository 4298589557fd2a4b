/** Why the typed XML view could not read or write a message. Payload-free: paths and type names only. */
export class XmlViewError extends Error {
  constructor(
    message: string,
    /** Field path in the JSON view, e.g. "satz[0].abmeldung.gemeindeSchluessel". */
    readonly path: string = "",
  ) {
    super(path === "" ? message : `${message} at ${path}`);
    this.name = "XmlViewError";
  }
}
