/**
 * The CST parser (chevrotain, LL(k), error recovery on). One instance is built
 * once and reused by setting `input`. Grammar: grammar/stellwerk.ebnf; each
 * rule below names its production.
 */
import { CstParser, type CstNode, type IToken } from "chevrotain";
import * as T from "./tokens.js";

const { Kw } = T;

export class StellwerkParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, skipValidations: true });
    this.performSelfAnalysis();
  }

  /** file = [packageDecl] {importDecl} {declaration} */
  public file = this.RULE("file", () => {
    this.OPTION(() => this.SUBRULE(this.packageDecl));
    this.MANY(() => this.SUBRULE(this.importDecl));
    this.MANY2(() => this.SUBRULE(this.declaration));
  });

  /** packageDecl = "package" qname */
  private packageDecl = this.RULE("packageDecl", () => {
    this.CONSUME(Kw.package);
    this.SUBRULE(this.qname);
  });

  /** importDecl = "import" qname ["as" Identifier] */
  private importDecl = this.RULE("importDecl", () => {
    this.CONSUME(Kw.import);
    this.SUBRULE(this.qname);
    this.OPTION(() => {
      this.CONSUME(Kw.as);
      this.CONSUME(T.Identifier);
    });
  });

  /** qname = Identifier {"." Identifier} */
  private qname = this.RULE("qname", () => {
    this.CONSUME(T.Identifier);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Identifier);
    });
  });

  /** declaration = typeDecl | messageDecl | codelistDecl | roleDecl | systemDecl | scenarioDecl | transformDecl | functionDecl | regionDecl | testDecl */
  private declaration = this.RULE("declaration", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.typeDecl) },
      { ALT: () => this.SUBRULE(this.messageDecl) },
      { ALT: () => this.SUBRULE(this.codelistDecl) },
      { ALT: () => this.SUBRULE(this.roleDecl) },
      { ALT: () => this.SUBRULE(this.systemDecl) },
      { ALT: () => this.SUBRULE(this.scenarioDecl) },
      { ALT: () => this.SUBRULE(this.transformDecl) },
      { ALT: () => this.SUBRULE(this.functionDecl) },
      { ALT: () => this.SUBRULE(this.regionDecl) },
      { ALT: () => this.SUBRULE(this.testDecl) },
    ]);
  });

  /** typeDecl = "type" Identifier [xmlNamespace] "{" {fieldDecl} "}" */
  private typeDecl = this.RULE("typeDecl", () => {
    this.CONSUME(Kw.type);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.SUBRULE(this.xmlNamespace));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.fieldDecl));
    this.CONSUME(T.RBrace);
  });

  /** xmlNamespace = "namespace" String | "unqualified" */
  private xmlNamespace = this.RULE("xmlNamespace", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Kw.namespace);
          this.CONSUME(T.StringLit);
        },
      },
      { ALT: () => this.CONSUME(Kw.unqualified) },
    ]);
  });

  /** fieldDecl = ["@"] (Name | String) ["?"] ":" typeExpr {fieldOption} */
  private fieldDecl = this.RULE("fieldDecl", () => {
    this.OPTION(() => this.CONSUME(T.At));
    this.OR([{ ALT: () => this.CONSUME(T.Name) }, { ALT: () => this.CONSUME(T.StringLit) }]);
    this.OPTION2(() => this.CONSUME(T.Question));
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeExpr);
    // `as`, `namespace`, `unqualified`, `nillable` are also valid field names (Name): a word
    // followed by `:` or `?` starts the next field, not an option of this one.
    this.MANY({
      GATE: () => this.LA(2).tokenType !== T.Colon && this.LA(2).tokenType !== T.Question,
      DEF: () => this.SUBRULE(this.fieldOption),
    });
  });

  /** fieldOption = "as" String | xmlNamespace | "nillable" */
  private fieldOption = this.RULE("fieldOption", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Kw.as);
          this.CONSUME(T.StringLit);
        },
      },
      { ALT: () => this.SUBRULE(this.xmlNamespace) },
      { ALT: () => this.CONSUME(Kw.nillable) },
    ]);
  });

  /** typeExpr = "list" "of" typeExpr | "optional" typeExpr | qname */
  private typeExpr = this.RULE("typeExpr", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Kw.list);
          this.CONSUME(Kw.of);
          this.SUBRULE(this.typeExpr);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Kw.optional);
          this.SUBRULE2(this.typeExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.qname) },
    ]);
  });

  /**
   * messageDecl = "message" Identifier (xmlBinding | "json" | xsdSource) ["version" String] ["of" qname] ["{" {fieldDecl} "}"]
   * (`of`, not `type`: a `type` declaration may follow a message without a body.)
   */
  private messageDecl = this.RULE("messageDecl", () => {
    this.CONSUME(Kw.message);
    this.CONSUME(T.Identifier);
    this.OR([
      { ALT: () => this.SUBRULE(this.xmlBinding) },
      { ALT: () => this.CONSUME(Kw.json) },
      { ALT: () => this.SUBRULE(this.xsdSource) },
    ]);
    this.OPTION(() => {
      this.CONSUME(Kw.version);
      this.CONSUME(T.StringLit);
    });
    this.OPTION3(() => {
      this.CONSUME(Kw.of);
      this.SUBRULE(this.qname);
    });
    this.OPTION2(() => {
      this.CONSUME(T.LBrace);
      this.MANY(() => this.SUBRULE(this.fieldDecl));
      this.CONSUME(T.RBrace);
    });
  });

  /** xmlBinding = "xml" String "root" String ["prefix" Identifier] */
  private xmlBinding = this.RULE("xmlBinding", () => {
    this.CONSUME(Kw.xml);
    this.CONSUME(T.StringLit);
    this.CONSUME(Kw.root);
    this.CONSUME2(T.StringLit);
    this.OPTION(() => {
      this.CONSUME(Kw.prefix);
      this.CONSUME(T.Identifier);
    });
  });

  /** xsdSource = "from" "xsd" String "element" String ["prefix" Identifier] */
  private xsdSource = this.RULE("xsdSource", () => {
    this.CONSUME(Kw.from);
    this.CONSUME(Kw.xsd);
    this.CONSUME(T.StringLit);
    this.CONSUME(Kw.element);
    this.CONSUME2(T.StringLit);
    this.OPTION(() => {
      this.CONSUME(Kw.prefix);
      this.CONSUME(T.Identifier);
    });
  });

  /** codelistDecl = "codelist" Identifier [String] ["assumed"] "{" {String ["=" String]} "}" */
  private codelistDecl = this.RULE("codelistDecl", () => {
    this.CONSUME(Kw.codelist);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.OPTION2(() => this.CONSUME(Kw.assumed));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.codeEntry));
    this.CONSUME(T.RBrace);
  });

  /** codeEntry = String ["=" String] */
  private codeEntry = this.RULE("codeEntry", () => {
    this.CONSUME(T.StringLit);
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.CONSUME2(T.StringLit);
    });
  });

  /** roleDecl = "role" Identifier [String] */
  private roleDecl = this.RULE("roleDecl", () => {
    this.CONSUME(Kw.role);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
  });

  /** systemDecl = "system" Identifier "implements" qnameList ["{" {systemItem} "}"] */
  private systemDecl = this.RULE("systemDecl", () => {
    this.CONSUME(Kw.system);
    this.CONSUME(T.Identifier);
    this.CONSUME(Kw.implements);
    this.SUBRULE(this.qnameList);
    this.OPTION(() => {
      this.CONSUME(T.LBrace);
      this.MANY(() => this.SUBRULE(this.systemItem));
      this.CONSUME(T.RBrace);
    });
  });

  /** systemItem = "accepts" qnameList | "certified" | "vendor" String */
  private systemItem = this.RULE("systemItem", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Kw.accepts);
          this.SUBRULE(this.qnameList);
        },
      },
      { ALT: () => this.CONSUME(Kw.certified) },
      {
        ALT: () => {
          this.CONSUME(Kw.vendor);
          this.CONSUME(T.StringLit);
        },
      },
    ]);
  });

  /** qnameList = qname {"," qname} */
  private qnameList = this.RULE("qnameList", () => {
    this.SUBRULE(this.qname);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.qname);
    });
  });

  /** scenarioDecl = "scenario" Identifier [String] "{" {scenarioItem} "}" */
  private scenarioDecl = this.RULE("scenarioDecl", () => {
    this.CONSUME(Kw.scenario);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.scenarioItem));
    this.CONSUME(T.RBrace);
  });

  /**
   * scenarioItem = "from" qname | "to" ("origin" | "each" qname | qnameList) | "message" qname
   *   | ("detect" | "region" | "correlate" | "idempotency") expr | "ack" qname | "reply"
   *   | "unroutable" Identifier [qname {adapterSpec}]
   */
  private scenarioItem = this.RULE("scenarioItem", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Kw.from);
          this.SUBRULE(this.qname);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Kw.to);
          this.OR2([
            { ALT: () => this.CONSUME(Kw.origin) },
            {
              ALT: () => {
                this.CONSUME(Kw.each);
                this.SUBRULE2(this.qname);
              },
            },
            { ALT: () => this.SUBRULE(this.qnameList) },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Kw.message);
          this.SUBRULE3(this.qname);
        },
      },
      {
        ALT: () => {
          this.OR3([
            { ALT: () => this.CONSUME(Kw.detect) },
            { ALT: () => this.CONSUME(Kw.region) },
            { ALT: () => this.CONSUME(Kw.correlate) },
            { ALT: () => this.CONSUME(Kw.idempotency) },
          ]);
          this.SUBRULE(this.expr);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Kw.ack);
          this.SUBRULE4(this.qname);
        },
      },
      { ALT: () => this.CONSUME(Kw.reply) },
      {
        ALT: () => {
          this.CONSUME(Kw.unroutable);
          this.CONSUME(T.Identifier);
          this.OPTION(() => {
            this.SUBRULE5(this.qname);
            this.MANY(() => this.SUBRULE(this.adapterSpec));
          });
        },
      },
    ]);
  });

  /** expr = FencedExpr | InlineExpr */
  private expr = this.RULE("expr", () => {
    this.OR([{ ALT: () => this.CONSUME(T.FencedExpr) }, { ALT: () => this.CONSUME(T.InlineExpr) }]);
  });

  /** transformDecl = "transform" Identifier "from" qname "to" qname {"allow" Identifier} expr */
  private transformDecl = this.RULE("transformDecl", () => {
    this.CONSUME(Kw.transform);
    this.CONSUME(T.Identifier);
    this.CONSUME(Kw.from);
    this.SUBRULE(this.qname);
    this.CONSUME(Kw.to);
    this.SUBRULE2(this.qname);
    this.MANY(() => {
      this.CONSUME(Kw.allow);
      this.CONSUME2(T.Identifier);
    });
    this.SUBRULE(this.expr);
  });

  /** functionDecl = "function" Identifier "(" [paramDecl {"," paramDecl}] ")" ":" typeExpr expr */
  private functionDecl = this.RULE("functionDecl", () => {
    this.CONSUME(Kw.function);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.paramDecl);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.paramDecl);
      });
    });
    this.CONSUME(T.RParen);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeExpr);
    this.SUBRULE(this.expr);
  });

  /** paramDecl = Name ["?"] ":" typeExpr */
  private paramDecl = this.RULE("paramDecl", () => {
    this.CONSUME(T.Name);
    this.OPTION(() => this.CONSUME(T.Question));
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeExpr);
  });

  /** regionDecl = "region" String [String] "{" {regionItem} "}" */
  private regionDecl = this.RULE("regionDecl", () => {
    this.CONSUME(Kw.region);
    this.CONSUME(T.StringLit);
    this.OPTION(() => this.CONSUME2(T.StringLit));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.regionItem));
    this.CONSUME(T.RBrace);
  });

  /** regionItem = ["override"] (stageItem | lookupItem | setItem | binding) */
  private regionItem = this.RULE("regionItem", () => {
    this.OPTION(() => this.CONSUME(Kw.override));
    this.OR([
      { ALT: () => this.SUBRULE(this.stageItem) },
      { ALT: () => this.SUBRULE(this.lookupItem) },
      { ALT: () => this.SUBRULE(this.setItem) },
      { ALT: () => this.SUBRULE(this.binding) },
    ]);
  });

  /** stageItem = "stage" Name */
  private stageItem = this.RULE("stageItem", () => {
    this.CONSUME(Kw.stage);
    this.CONSUME(T.Name);
  });

  /** lookupItem = "lookup" Identifier "{" {String "=" literal} "}" */
  private lookupItem = this.RULE("lookupItem", () => {
    this.CONSUME(Kw.lookup);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.CONSUME(T.StringLit);
      this.CONSUME(T.Equals);
      this.SUBRULE(this.literal);
    });
    this.CONSUME(T.RBrace);
  });

  /** setItem = "set" Identifier "=" literal */
  private setItem = this.RULE("setItem", () => {
    this.CONSUME(Kw.set);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.literal);
  });

  /** binding = qname [String] "=" ("none" {bindingOption} | qname {adapterSpec} {bindingOption}) */
  private binding = this.RULE("binding", () => {
    this.SUBRULE(this.qname);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.CONSUME(T.Equals);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Kw.none);
          this.MANY3(() => this.SUBRULE2(this.bindingOption));
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.qname);
          this.MANY(() => this.SUBRULE(this.adapterSpec));
          this.MANY2(() => this.SUBRULE(this.bindingOption));
        },
      },
    ]);
  });

  /** adapterSpec = ["in" Name] "via" Identifier "{" {setting} "}" */
  private adapterSpec = this.RULE("adapterSpec", () => {
    this.OPTION(() => {
      this.CONSUME(Kw.in);
      this.CONSUME(T.Name);
    });
    this.CONSUME(Kw.via);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.setting));
    this.CONSUME(T.RBrace);
  });

  /** setting = Name (String | Number | Name [String]) */
  private setting = this.RULE("setting", () => {
    this.CONSUME(T.Name);
    this.OR([
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.CONSUME(T.NumberLit) },
      {
        ALT: () => {
          this.CONSUME2(T.Name);
          this.OPTION(() => this.CONSUME2(T.StringLit));
        },
      },
    ]);
  });

  /** bindingOption = "transform" qname | "when" expr | "for" qnameList | "note" Name String */
  private bindingOption = this.RULE("bindingOption", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Kw.transform);
          this.SUBRULE(this.qname);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Kw.when);
          this.SUBRULE(this.expr);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Kw.for);
          this.SUBRULE(this.qnameList);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Kw.note);
          this.CONSUME(T.Name);
          this.CONSUME(T.StringLit);
        },
      },
    ]);
  });

  /** literal = String | Number | "true" | "false" | "null" */
  private literal = this.RULE("literal", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.CONSUME(T.NumberLit) },
      { ALT: () => this.CONSUME(Kw.true) },
      { ALT: () => this.CONSUME(Kw.false) },
      { ALT: () => this.CONSUME(Kw.null) },
    ]);
  });

  /** testDecl = "test" String "{" {givenStep | expectStep | "stage" Name} "}" */
  private testDecl = this.RULE("testDecl", () => {
    this.CONSUME(Kw.test);
    this.CONSUME(T.StringLit);
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.givenStep) },
        { ALT: () => this.SUBRULE(this.expectStep) },
        { ALT: () => this.SUBRULE(this.stageItem) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  /** givenStep = "given" [qname] ("file" String | "inline" (String | FencedExpr)) ["region" String] */
  private givenStep = this.RULE("givenStep", () => {
    this.CONSUME(Kw.given);
    this.OPTION(() => this.SUBRULE(this.qname));
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Kw.file);
          this.CONSUME(T.StringLit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Kw.inline);
          this.OR2([{ ALT: () => this.CONSUME2(T.StringLit) }, { ALT: () => this.CONSUME(T.FencedExpr) }]);
        },
      },
    ]);
    this.OPTION2(() => {
      this.CONSUME(Kw.region);
      this.CONSUME3(T.StringLit);
    });
  });

  /**
   * expectStep = "expect" ( "delivered" "to" selector | "not" "delivered" "to" selector
   *   | "rejected" Name | "field" selector expr "=" literal | "absent" selector expr )
   */
  private expectStep = this.RULE("expectStep", () => {
    this.CONSUME(Kw.expect);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Kw.delivered);
          this.CONSUME(Kw.to);
          this.SUBRULE(this.selector);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Kw.not);
          this.CONSUME2(Kw.delivered);
          this.CONSUME2(Kw.to);
          this.SUBRULE2(this.selector);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Kw.rejected);
          this.CONSUME(T.Name); // Name, not Identifier: the reason `unroutable` is a keyword
        },
      },
      {
        ALT: () => {
          this.CONSUME(Kw.field);
          this.SUBRULE3(this.selector);
          this.SUBRULE(this.expr);
          this.CONSUME(T.Equals);
          this.SUBRULE(this.literal);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Kw.absent);
          this.SUBRULE4(this.selector);
          this.SUBRULE2(this.expr);
        },
      },
    ]);
  });

  /** selector = qname [String] ["system" qname] ["region" String] */
  private selector = this.RULE("selector", () => {
    this.SUBRULE(this.qname);
    this.OPTION(() => this.CONSUME(T.StringLit));
    this.OPTION2(() => {
      this.CONSUME(Kw.system);
      this.SUBRULE2(this.qname);
    });
    this.OPTION3(() => {
      this.CONSUME(Kw.region);
      this.CONSUME2(T.StringLit);
    });
  });
}

let instance: StellwerkParser | undefined;

/** The shared parser instance (construction costs ~10-25 ms, so it is built once). */
export function getParser(): StellwerkParser {
  instance ??= new StellwerkParser();
  return instance;
}

export type { CstNode, IToken };
