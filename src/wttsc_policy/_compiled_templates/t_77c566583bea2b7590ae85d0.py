# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/parents_and_carers.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    pass
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'I work'
    else:
        pass
        yield 'We work'
    yield " with parents and carers in line with the principles for working with families set out in Working Together to Safeguard Children:\n\n- Effective partnership: building positive, trusting and co-operative relationships with families.\n- Respectful communication: talking with parents and carers in a respectful, non-judgemental and clear way, adapted to each family's needs.\n- Empowering families: giving parents and carers up-to-date information and signposting support, so that they can take part in decisions about their child.\n- Involving families: asking families for their views on the processes and services that affect them.\n\n"
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield "I make a particular effort to involve fathers and male carers. I will normally tell parents and carers about a concern and a referral, unless doing so could put the child or someone else at risk. The child's wishes and best interests always come first.\n"
    else:
        pass
        yield "We make a particular effort to engage families that services find hard to reach, including fathers and male carers. We will normally tell parents and carers about a concern and a referral, unless doing so could put the child or someone else at risk. The child's wishes and best interests always come first.\n"

blocks = {}
debug_info = '1=12&8=19'
