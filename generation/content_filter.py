"""check_prompt(prompt) -> FilterVerdict: the gate every prompt passes before it is queued.

Two layers:

1. Always, a local filter: word lists and phrase patterns (with word boundaries) for
   clearly inappropriate content (sexual, graphic violence, hate, self-harm
   encouragement), prompt-injection attempts, and requests for things an animation
   never needs: reading files, running shell commands, reaching the network
   ("system_access"). Math is full of violent-sounding verbs ("kill the constant term",
   "shoot a projectile", "attack this proof", "the bisector cuts the angle",
   "execute the bubble sort", "download speed graph"), so the patterns name what is
   acted on (people, myself, /etc/passwd, a URL...) rather than the verb alone. A false
   positive on a real math prompt is a bug: tests/data/eval_prompts.jsonl must all pass.

2. When configured (``OPENAI_MODERATION`` truthy and ``LLM_API_KEY`` set), OpenAI's
   moderation endpoint (``MODERATION_MODEL``, default omni-moderation-latest) at
   ``MODERATION_BASE_URL`` or else ``LLM_BASE_URL``. Flagged -> refused, with the
   highest-scoring flagged category. It only runs when the local filter allowed the prompt.

   Failure policy: fail OPEN. If the endpoint cannot be reached, times out, or answers
   with an error, we log a warning and keep the local verdict. Rationale: the local
   filter has already refused the clear cases, the prompt only ever becomes Manim code
   that runs in the render sandbox (the real security boundary), and an outage of a
   third-party moderation service should not take generation down for every user.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings

__all__ = ["FilterVerdict", "check_prompt", "local_check", "moderation_configured"]

logger = logging.getLogger(__name__)

CATEGORIES = ("sexual", "violence", "hate", "self-harm", "prompt_injection", "system_access")


@dataclass(frozen=True)
class FilterVerdict:
    allowed: bool
    reason: str = ""  # one sentence, shown to the user when not allowed
    category: str = ""  # one of CATEGORIES (or a moderation category) when not allowed


ALLOWED = FilterVerdict(True)

REASONS = {
    "sexual": "The prompt asks for sexual content, which Eigenframe does not create.",
    "violence": "The prompt asks for graphic violence against people, which Eigenframe does not create.",
    "hate": "The prompt contains hateful or demeaning content about a group of people, which "
            "Eigenframe does not create.",
    "self-harm": "The prompt refers to self-harm; Eigenframe cannot help with that, but if you are "
                 "struggling please reach out to someone you trust or a local crisis line.",
    "prompt_injection": "The prompt tries to override the assistant's instructions; describe the "
                        "animation you want instead.",
    "files": "The prompt asks to read files on the server, which an animation never needs.",
    "shell": "The prompt asks to run shell commands or system calls, which an animation never needs.",
    "network": "The prompt asks to reach the network, which an animation never needs.",
    "illicit": "The prompt asks for help with illegal activity, which Eigenframe does not create.",
    "harassment": "The prompt contains harassing content, which Eigenframe does not create.",
}

# Groups of people: the objects that turn a maths verb ("kill", "shoot", "stab") violent.
_PEOPLE = (
    r"(?:people|persons?|humans?|h[u]mans|someone|somebody|anyone|everyone|everybody|man|men|woman|"
    r"women|child|children|kids?|babies|baby|girls?|boys?|students?|teachers?|classmates?|"
    r"(?:my|his|her|their|your|the)\s+(?:wife|husband|mother|father|mom|dad|sister|brother|"
    r"neighbou?r|boss|family|teacher|friend|classmates?|coworkers?|parents?|girlfriend|boyfriend)|"
    r"police(?:men)?|cops?|soldiers?|civilians?|victims?|hostages?|jews|muslims|christians|"
    r"immigrants|refugees|prisoners|inmates)"
)
_GROUPS = (
    r"(?:jews|jewish people|muslims|christians|hindus|sikhs|blacks|black people|whites|white people|"
    r"asians|arabs|mexicans|latinos|hispanics|africans|indians|chinese|immigrants|refugees|gays|"
    r"gay people|lesbians|homosexuals|trans people|transgender people|women|females|disabled people|"
    r"gypsies|roma)"
)

_RULES: list[tuple[str, str]] = [
    # --- sexual ---------------------------------------------------------------------
    ("sexual", r"\b(?:porn\w*|pr0n|nsfw|hentai|erotic\w*|orgasm\w*|masturbat\w*|blow\s?jobs?|"
               r"handjobs?|cumshots?|genitals?|genitalia|penis(?:es)?|vaginas?|vulvas?|clitoris|"
               r"boobs?|tits|titties|nipples?|nudes?|nudity|strip\s?tease|stripper|camgirl|onlyfans|"
               r"fetish\w*|bdsm|bondage|dildos?|sex\s?toys?|lolicon|shotacon|incest|rape[sd]?|raping|"
               r"molest\w*|paedophil\w*|pedophil\w*)\b"),
    ("sexual", r"\b(?:having|have|had|make|makes|making)\s+(?:sex|intercourse)\b"),
    ("sexual", r"\bsex\s+(?:scenes?|acts?|positions?|tapes?|videos?|games?|slaves?|workers?\s+for)\b"),
    ("sexual", r"\b(?:sexual(?:ly)?\s+(?:explicit|intercourse|acts?|content|activity|fantas\w+|"
               r"positions?)|explicit\s+sex\w*)\b"),
    ("sexual", r"\b(?:naked|undressed|topless|nude)\s+(?:wom[ae]n|m[ae]n|girls?|boys?|bod(?:y|ies)|"
               r"people|persons?|person|teens?|lad(?:y|ies)|actress|models?|celebrit(?:y|ies))\b"),
    ("sexual", r"\b(?:undress(?:ing)?|strip(?:ping)?\s+naked|get(?:ting)?\s+naked)\b"),
    ("sexual", r"\bsexy\s+(?:wom[ae]n|m[ae]n|girls?|boys?|bod(?:y|ies)|lad(?:y|ies)|teens?)\b"),
    # --- graphic violence ---------------------------------------------------------------
    ("violence", r"\b(?:gore|gory|gruesome|decapitat\w*|behead\w*|dismember\w*|disembowel\w*|"
                 r"mutilat\w*|eviscerat\w*|massacres?|genocide|torturing|tortured|torture)\b"),
    ("violence", r"\b(?:kill|killing|kills|murder|murdering|murders|slaughter|slaughtering|stab|"
                 r"stabbing|stabs|shoot|shooting|shoots|strangle|strangling|choke|choking|behead|"
                 r"butcher|butchering|execute|executing|torture|burn|burning|hang|hanging|lynch|"
                 r"lynching|rape|assassinate|assassinating)\s+(?:(?:a|the|all|some|many|innocent|"
                 r"those|these|every|\d+)\s+){0,3}" + _PEOPLE + r"\b"),
    ("violence", r"\b(?:mass|school|church|mosque|synagogue)\s+(?:shootings?|murders?|killings?)\b"),
    ("violence", r"\b(?:blood|brains|guts|intestines)\s+(?:splatter\w*|spray\w*|everywhere|gushing|"
                 r"spurting|pouring)\b"),
    ("violence", r"\b(?:bloody|blood[- ]soaked|bleeding)\s+(?:corpses?|bod(?:y|ies)|wounds?|"
                 r"victims?|murders?)\b"),
    ("violence", r"\b(?:dead|mutilated|dismembered|rotting)\s+(?:bod(?:y|ies)|corpses?)\b"),
    ("violence", r"\b(?:make|build|assemble|making|building)\s+(?:a\s+|an\s+)?(?:pipe\s+)?"
                 r"(?:bombs?|explosive\s+devices?|ieds?|molotov\s+cocktails?)\b"),
    ("violence", r"\b(?:terrorist\s+attacks?|suicide\s+bomb\w*|car\s+bomb\w*|pipe\s+bombs?)\b"),
    # --- hate -----------------------------------------------------------------------------
    ("hate", r"\b(?:n[i1!]gg(?:er|a|ah|az)s?|f[a4]gg?[o0]ts?|k[i1]kes?|sp[i1]cs?|w[e3]tbacks?|"
             r"tr[a4]nn(?:y|ies)|retards?|g[o0]{2}ks?|towelheads?|sand\s?n[i1]gg\w*|raghead\w*|"
             r"shemales?|untermensch\w*)\b"),
    ("hate", r"\b(?:heil\s+hitler|sieg\s+heil|white\s+(?:power|supremac\w+|pride\s+worldwide)|"
             r"master\s+race|inferior\s+races?|ethnic\s+cleansing|race\s+war|"
             r"subhumans?|nazi\s+propaganda|holocaust\s+(?:denial|was\s+fake|"
             r"never\s+happened|hoax))\b"),
    ("hate", r"\b(?:all\s+)?" + _GROUPS + r"\s+(?:are|is)\s+(?:(?:all|just|nothing\s+but|a|an)\s+)?"
             r"(?:inferior|subhuman|vermin|animals|parasites|rats|cockroaches|evil|a\s+disease|"
             r"stupid|worthless|less\s+intelligent|genetically\s+inferior|the\s+enemy)\b"),
    ("hate", r"\b" + _GROUPS + r"\s+(?:should|must|deserve\s+to|need\s+to|ought\s+to)\s+"
             r"(?:all\s+)?(?:die|be\s+(?:killed|exterminated|eliminated|deported|gassed|wiped\s+out|"
             r"removed)|go\s+back)\b"),
    ("hate", r"\bgas\s+(?:all\s+)?(?:the\s+)?" + _GROUPS + r"\b"),
    ("hate", r"\b(?:exterminate|eliminate|wipe\s+out|kill\s+all(?:\s+the)?|get\s+rid\s+of(?:\s+all)?"
             r"(?:\s+the)?)\s+" + _GROUPS + r"\b"),
    ("hate", r"\b(?:prove|show|demonstrate|visuali[sz]e|animate)\s+(?:that\s+)?(?:why\s+)?" + _GROUPS +
             r"\s+(?:are|have)\s+(?:inferior|less\s+intelligent|lower\s+iq|stupider|dumber|"
             r"genetically\s+inferior)\b"),
    # --- self-harm ------------------------------------------------------------------------
    ("self-harm", r"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|hang|hanging|starve|"
                  r"starving|poison|poisoning|burn|burning|shoot|shooting)\s+(?:my|your|him|her|"
                  r"them|one)sel(?:f|ves)\b"),
    ("self-harm", r"\b(?:commit(?:ting)?\s+suicide|suicide\s+(?:methods?|notes?|instructions|tips|"
                  r"plans?|pact|guide)|how\s+to\s+(?:commit\s+)?suicide|ways\s+to\s+(?:die|suicide)|"
                  r"painless(?:ly)?\s+(?:way\s+to\s+)?(?:die|death|suicide)|end\s+(?:my|your)\s+"
                  r"(?:own\s+)?life|take\s+(?:my|your)\s+own\s+life|self[- ]?harm\w*|self[- ]"
                  r"mutilat\w*|(?:i|you)\s+(?:want|wants|deserve|deserves|should)\s+to\s+die|"
                  r"kys|overdos(?:e|ing)\s+on|pro[- ]?ana|thinspo\w*)\b"),
    ("self-harm", r"\b(?:encourage|convince|persuade|tell|help)\s+(?:someone|somebody|people|him|"
                  r"her|them|me|a\s+friend|my\s+friend)\s+to\s+(?:kill|hurt|harm|cut|starve)\s+"
                  r"(?:themsel(?:f|ves)|himself|herself|myself)\b"),
    # --- prompt injection ---------------------------------------------------------------
    ("prompt_injection", r"\b(?:ignore|disregard|forget|skip|bypass|override|overwrite)\s+(?:all\s+|"
                         r"any\s+|the\s+|your\s+|these\s+|those\s+|my\s+)*(?:(?:previous|prior|"
                         r"above|earlier|preceding|original|initial|system|safety|developer|"
                         r"existing|former|old)\s+)+(?:instructions?|prompts?|rules|directions|"
                         r"guidelines|messages?|context|constraints|polic(?:y|ies))\b"),
    ("prompt_injection", r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+)?(?:of\s+)?"
                         r"(?:(?:your|the)\s+(?:instructions|system\s+prompt|programming|restrictions|"
                         r"safety\s+(?:rules|filters?|guidelines|settings)|content\s+filters?)|your\s+"
                         r"(?:rules|guidelines|training|filters?))\b"),
    ("prompt_injection", r"\b(?:ignore|disregard|forget)\s+(?:all|everything)\s+(?:(?:you\s+were|"
                         r"you've\s+been|i)\s+(?:told|said)|above|before|previous\w*)\b"),
    ("prompt_injection", r"\bdisregard\s+the\s+system\s+prompt\b"),
    ("prompt_injection", r"\b(?:ignore|disregard|forget)\s+(?:all|any|every)\s+(?:of\s+)?(?:the\s+|your\s+|"
                         r"my\s+)?(?:instructions|prompts|directions)\b"),
    ("prompt_injection", r"\b(?:ignore|disregard|forget)\s+(?:the\s+|your\s+|these\s+|those\s+)?"
                         r"(?:instructions|prompts?|rules|directions|guidelines)\s+(?:above|before|so\s+far|"
                         r"you\s+(?:were\s+|have\s+been\s+)?(?:given|told|received))\b"),
    ("prompt_injection", r"\byou\s+are\s+now\s+(?:a|an|the|in|my|no\s+longer|free|unrestricted|"
                         r"unfiltered|uncensored|jailbroken|dan|evil|allowed|in\s+(?:developer|dan|god|"
                         r"admin|debug)\s+mode)\b"),
    ("prompt_injection", r"\b(?:from\s+now\s+on|henceforth),?\s+(?:you\s+(?:are|must)\s+(?:an?\s+)?"
                         r"(?:unrestricted|unfiltered|free|no\s+longer|not\s+bound|dan|evil|allowed)|"
                         r"act\s+as|respond\s+only|answer\s+only|ignore)\b"),
    ("prompt_injection", r"\b(?:pretend|act|behave|roleplay)\s+(?:to\s+be|that\s+you\s+are|you\s+are|"
                         r"as\s+if\s+you\s+(?:are|were)|as)\s+(?:an?\s+)?(?:unrestricted|unfiltered|"
                         r"uncensored|jailbroken|evil|dan\b|different\s+(?:ai|assistant|model)|"
                         r"ai\s+without|assistant\s+without|model\s+without)"),
    ("prompt_injection", r"\b(?:print|show|reveal|repeat|output|display|tell\s+me|give\s+me|leak|dump|"
                         r"write\s+out|what\s+(?:is|are|was|were)|what's|recite|share|return)\s+"
                         r"(?:me\s+)?(?:back\s+)?(?:your|the|its|all\s+(?:of\s+)?your)\s+(?:full\s+|"
                         r"entire\s+|exact\s+|original\s+|initial\s+|hidden\s+|secret\s+)*"
                         r"(?:system\s+(?:prompt|message|instructions)|initial\s+(?:prompt|instructions)"
                         r"|hidden\s+(?:prompt|instructions)|instructions\s+above|prompt\s+above|"
                         r"(?:pre-?)?prompt\s+instructions|developer\s+(?:prompt|message)|rules\s+you\s+"
                         r"were\s+given)\b"),
    ("prompt_injection", r"\b(?:jailbreak\w*|developer\s+mode|dan\s+mode|do\s+anything\s+now|"
                         r"god\s+mode\s+enabled|prompt\s+injection)\b"),
    ("prompt_injection", r"(?:<\s*/?\s*(?:system|im_start|im_end|\|im_start\||\|im_end\|)\s*>|"
                         r"\[\s*/?\s*(?:system|inst)\s*\]|<<\s*sys\s*>>|<\|\w+\|>"
                         r"|\bnew\s+(?:system\s+)?instructions\s*:)"),
    # --- files (system_access) ----------------------------------------------------------
    ("files", r"(?:/etc/(?:passwd|shadow|hosts|sudoers|group|environment)\b|/proc/(?:self|\d+)/|"
              r"/root/|/home/\w+|~/\.\w+|\.ssh\b|\bid_(?:rsa|ed25519|ecdsa)\b|(?<![\w.])\.env\b|"
              r"\.bash_history|\bsettings\.py\b|\bwp-config|/var/(?:log|lib|run|www)\b)"),
    ("files", r"\b(?:read|open|cat|dump|access|list|leak|delete|remove|modify|overwrite|edit|write\s+to)\s+(?:me\s+)?"
              r"(?:the\s+|a\s+|any\s+|all\s+|my\s+|your\s+|this\s+|that\s+|some\s+)?(?:contents?\s+of\s+"
              r"(?:the\s+|a\s+)?)?(?:local\s+|server\s+|system\s+|config(?:uration)?\s+|source\s+|"
              r"secret\s+|hidden\s+)?(?:files?|director(?:y|ies)|folders?|file\s?system|disk)\b"
              r"(?!\s*(?:format|formats|type|types|size|sizes|name|names|extension|icons?|tree|trees|"
              r"structure|hierarchy|as\s+a\s+tree|-)\b)"),
    ("files", r"\b(?:cat|head|tail|less)\s+(?:/\w|~/|\.\./|\$home)"),
    ("files", r"\b(?:read|open|print|show|dump|leak|list|reveal|display|access)\s+(?:me\s+)?(?:the\s+|"
              r"your\s+|all\s+)?(?:server'?s?\s+)?(?:environment\s+variables|env\s+vars?|os\.environ|"
              r"api[\s_-]?keys?|secret[\s_-]?keys?|credentials|passwords?|database\s+(?:url|password|"
              r"credentials))\b"),
    ("files", r"\b(?:os\.environ|os\.getenv|open\s*\(\s*['\"]/|pathlib|os\.listdir|os\.walk|"
              r"shutil\.)"),
    ("files", r"\b(?:ls|dir)\s+-\w*[la]\w*\b"),
    # --- shell (system_access) ----------------------------------------------------------
    ("shell", r"\b(?:rm\s+-[rf]{1,3}\b|sudo\s+\w|chmod\s+[0-7+]|chown\s+\w|mkfs\b|dd\s+if=|"
              r":\(\)\s*\{|/bin/(?:ba)?sh\b|bash\s+-c\b|sh\s+-c\b|powershell|cmd\.exe|nc\s+-[elv]|"
              r"netcat|reverse\s+shell|bind\s+shell|crontab)"),
    ("shell", r"\b(?:os\.(?:system|popen|exec\w*|spawn\w*|fork|kill)|subprocess\w*|popen|"
              r"__import__|importlib|ctypes|pty\.spawn|commands\.getoutput)\b"),
    ("shell", r"\b(?:eval|exec)\s*\(\s*(?:input|open|compile|base64|bytes|['\"]|__)"),
    ("shell", r"\b(?:run|execute|exec|launch|invoke|spawn|open|start|give\s+me)\s+(?:a\s+|an\s+|the\s+|"
              r"this\s+|some\s+|these\s+|my\s+|arbitrary\s+)?(?:following\s+)?(?:(?:shell|bash|"
              r"terminal|zsh|powershell|cmd)(?!\s*(?:sort|method|theorem|integration|model|volumes?|"
              r"of|electrons?|structure|game|-?shaped)\b)|(?:system|console|command[- ]line|cli|os|"
              r"sh)\s+(?:commands?|scripts?|calls?|prompt|session))\b"),
    ("shell", r"\b(?:run|execute|exec|type)\s+(?:the\s+)?(?:command|commands)\s*[:`'\"]"),
    ("shell", r"\b(?:execute\s+shell(?!\s*(?:sort|method))|shell\s+commands?|shell\s+access|system\s+commands?|"
              r"command\s+injection|remote\s+code\s+execution|arbitrary\s+code\s+execution|"
              r"escape\s+the\s+sandbox|sandbox\s+escape|break\s+out\s+of\s+the\s+sandbox|"
              r"privilege\s+escalation|root\s+shell)\b"),
    ("shell", r"\b(?:kill|pkill|killall)\s+-\d|\bkill\s+(?:the\s+)?(?:server|worker|renderer|"
              r"web\s?server|host)\s+process"),
    # --- network (system_access) --------------------------------------------------------
    ("network", r"\bcurl\s+(?:-{1,2}\w|https?:|www\.|['\"]|[\w.-]+\.(?:com|org|net|io)\b)|"
                r"\b(?:use|run|using|with|via|call)\s+curl\b|\bcurl\s+(?:command|request)s?\b"),
    ("network", r"\b(?:wget|urllib\w*|requests\.(?:get|post|put|delete)|http\.client|httpx|"
                r"aiohttp|socket\.\w+|nslookup|netcat|telnet|ssh\s+\w+@|scp\s|ftp://|smtplib|"
                r"paramiko|ngrok)\b"),
    ("network", r"\b(?:download|fetch|retrieve|scrape|crawl|load|pull|get|grab|open|visit|browse|"
                r"access|request|read|ping|call|query|post|upload|send|stream|import)\s+(?:\w+\s+){0,4}?"
                r"(?:from\s+|to\s+|at\s+|on\s+)?(?:https?://|www\.|ftp://|(?:\w[\w-]*\.)+"
                r"(?:com|org|net|io|ru|cn|xyz|info|biz)\b(?:/|\s|$))"),
    ("network", r"\bfetch\s+https?\b"),
    ("network", r"\b(?:download|fetch|retrieve|scrape|pull|grab|load|get)\s+(?:\w+\s+){0,5}?"
                r"(?:from|off|via)\s+(?:the\s+)?(?:internet|web|website|url|remote\s+\w+|github|google|"
                r"wikipedia|a\s+(?:url|website|web\s?site|site|link|web\s+page))\b"),
    ("network", r"\bdownload\s+(?:and\s+(?:run|execute|install)|(?:a|the|this|that|some|my)\s+"
                r"(?:file|script|payload|binary|program|malware|page|web\s?page|archive|zip|"
                r"package|image|dataset|data\s?set|model|weights)s?\b)"),
    ("network", r"\b(?:send|make|issue|perform|fire|submit)\s+(?:an?\s+|the\s+|this\s+|some\s+)?"
                r"(?:(?:http|https|get|post|api|web|network|rest|curl)\s+)?(?:requests?|pings?)\s+to\b"),
    ("network", r"\b(?:make|send|issue|perform)\s+(?:an?\s+|some\s+)?(?:http|https|api|web|network|"
                r"rest|outbound|external)\s+(?:requests?|calls?)\b"),
    ("network", r"(?<!and\s)(?<!and-)\bsockets?\b(?!\s*(?:joints?|wrench\w*|sets?|head)\b)"),
    ("network", r"\b(?:connect|connecting|phone\s+home|call\s+home|beacon)\s+(?:to\s+)?"
                r"(?:the\s+|a\s+|an\s+|my\s+|our\s+|your\s+|some\s+)?(?:internet|remote\s+(?:server|"
                r"host)|external\s+(?:server|host)|ip\s+address|c2|webhook|url|endpoint)\b"),
    ("network", r"\b(?:exfiltrat\w*|webhook|(?:upload|post|send|email|mail)\s+(?:the\s+|this\s+|my\s+|"
                r"your\s+|all\s+)?(?:data|file|files|output|results|secrets?|keys?|logs?|contents?|"
                r"video)\s+to\s+(?:(?:my|a|an|the|this|some|your)\s+)?(?:e-?mail|webhook|url|endpoint|inbox|"
                r"address|https?|[\w.-]+@|remote\s+server))\b"),
    ("network", r"\b(?:access|reach|browse|search|surf)\s+(?:the\s+)?(?:internet|web)\b"),
]

_COMPILED = [(category, re.compile(pattern, re.IGNORECASE | re.MULTILINE)) for category, pattern in _RULES]

# Zero-width and other invisible characters people use to split words.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def normalize(prompt: str) -> str:
    """NFKC (full-width letters, ligatures), no invisible characters, single spaces, lower case."""
    text = unicodedata.normalize("NFKC", prompt or "").translate(_INVISIBLE)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"[ \t\r\f\v]+", " ", text).casefold()


def local_check(prompt: str) -> FilterVerdict:
    """The always-on word/phrase filter."""
    text = normalize(prompt)
    for key, pattern in _COMPILED:
        if pattern.search(text):
            category = key if key in CATEGORIES else "system_access"
            return FilterVerdict(False, REASONS[key], category)
    return ALLOWED


def moderation_configured() -> bool:
    return bool(getattr(settings, "OPENAI_MODERATION", False)) and bool(getattr(settings, "LLM_API_KEY", ""))


# OpenAI moderation categories -> ours ("sexual/minors" -> "sexual", "hate/threatening" -> "hate"...).
_MODERATION_MAP = {
    "sexual": "sexual",
    "hate": "hate",
    "harassment": "harassment",
    "violence": "violence",
    "self-harm": "self-harm",
    "illicit": "illicit",
}


def _moderate(prompt: str) -> FilterVerdict | None:
    """Ask the moderation endpoint; None when it could not answer (the caller fails open)."""
    import openai

    base_url = getattr(settings, "MODERATION_BASE_URL", "") or getattr(settings, "LLM_BASE_URL", "") or None
    model = getattr(settings, "MODERATION_MODEL", "") or "omni-moderation-latest"
    try:
        client = openai.OpenAI(
            base_url=base_url,
            api_key=getattr(settings, "LLM_API_KEY", ""),
            timeout=float(getattr(settings, "MODERATION_TIMEOUT_S", 10.0) or 10.0),
            max_retries=1,
        )
        response = client.moderations.create(model=model, input=prompt)
        result = response.results[0]
    except Exception as exc:  # openai.APIError, httpx errors, malformed answers: fail open
        logger.warning("Moderation endpoint unavailable (%s: %s); using the local filter only.",
                       type(exc).__name__, str(exc)[:200])
        return None
    if not result.flagged:
        return ALLOWED
    flags = result.categories.model_dump(by_alias=True)
    scores = result.category_scores.model_dump(by_alias=True)
    flagged = [name for name, hit in flags.items() if hit] or list(scores)
    top = max(flagged, key=lambda name: scores.get(name) or 0.0)
    category = _MODERATION_MAP.get(top.split("/")[0], top.split("/")[0])
    reason = REASONS.get(category, "The prompt was flagged by content moderation "
                                   f"({top}), so Eigenframe will not animate it.")
    return FilterVerdict(False, reason, category)


def check_prompt(prompt: str) -> FilterVerdict:
    """Allowed, or not with a one-sentence reason and a category. Never raises."""
    verdict = local_check(prompt)
    if not verdict.allowed or not moderation_configured():
        return verdict
    return _moderate(prompt) or verdict
