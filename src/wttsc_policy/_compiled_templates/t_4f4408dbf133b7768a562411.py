# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/hidden_harms.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield "Some forms of abuse are easily missed, and staff are alert to them:\n\n- Coercive control: a pattern of threatening, humiliating, isolating or controlling behaviour used to dominate another person. Children can be harmed by it between the adults at home, and young people can experience it in their own relationships.\n- Teenage relationship abuse: physical, emotional, sexual or financial abuse, or controlling behaviour, in a young person's own relationship, including through phones and social media.\n- Child sexual abuse, whether by a family member, someone the child knows or a stranger, in person or online. Children rarely tell anyone directly, so staff notice changes in behaviour, mood or attendance.\n\nAny member of staff who is worried that a child is experiencing any of these tells the "
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield ' straight away.'

blocks = {}
debug_info = '7=13'
