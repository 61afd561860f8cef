# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/safeguarding_definition.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    pass
    yield "Safeguarding and promoting the welfare of children means:\n\n- providing help and support to meet the needs of children as soon as problems emerge\n- protecting children from maltreatment, whether that is within or outside the home, including online\n- preventing impairment of children's mental and physical health or development\n- ensuring that children grow up in circumstances consistent with the provision of safe and effective care\n- taking action to enable all children to have the best outcomes"

blocks = {}
debug_info = ''
