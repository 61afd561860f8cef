# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/golden_rules.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield "Staff follow the seven golden rules in Information sharing advice for safeguarding practitioners (HM Government, 2024):\n\n- Every child has the right to be protected from abuse and neglect, and protecting a child from harm comes before anyone's right to privacy. Data protection law does not prevent sharing information where failing to share could put a child at risk of harm.\n- Where it is safe to do so, talk to the child and their parents or carers about what will be shared, why and with whom.\n- Consent is not needed to share information where a child is at risk, or may be at risk, of harm.\n- Ask the "
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield ' or another practitioner for advice promptly whenever you are unsure.\n- Protect the identity of anyone who could be put at risk by what is shared.\n- Share only information that is relevant, accurate and up to date, and only with people who have a role in safeguarding the child.\n- Record what was shared, with whom and why, or why it was not shared.'

blocks = {}
debug_info = '6=13'
